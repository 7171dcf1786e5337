package io.deidq.batch;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

public interface ReceivedAssociationRepository extends JpaRepository<ReceivedAssociation, String> {

    /** The associations that receivers of the spool {@code spoolId} recorded and whose end is not recorded. */
    @Query("select a.id from ReceivedAssociation a where a.spoolId = :spoolId and a.closedAt is null order by a.openedAt, a.id")
    List<String> findOpenIdsBySpoolId(String spoolId);

    /** Records the end of those associations, as aborted (released false); returns how many ended. Needs a transaction. */
    @Modifying
    @Query("update ReceivedAssociation a set a.closedAt = :at, a.released = false where a.spoolId = :spoolId and a.closedAt is null")
    int abortOpenBySpoolId(String spoolId, Instant at);
}
