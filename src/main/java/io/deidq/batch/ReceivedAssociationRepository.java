package io.deidq.batch;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReceivedAssociationRepository extends JpaRepository<ReceivedAssociation, String> {
}
