package io.deidq.batch;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.Set;

import java.util.List;
import java.util.Optional;

public interface ImageRepository extends JpaRepository<Image, Long> {

    Optional<Image> findBySopInstanceUid(String sopInstanceUid);

    boolean existsBySopInstanceUid(String sopInstanceUid);

    @Query("select i.sopInstanceUid from Image i where i.sopInstanceUid in :uids")
    Set<String> findRecordedSopInstanceUids(@Param("uids") Collection<String> uids);

    boolean existsBySpoolPath(String spoolPath);

    List<Image> findByAssociationId(String associationId);
}
