package io.deidq.batch;

import org.springframework.data.jpa.repository.JpaRepository;

public interface BatchIdentifiersRepository extends JpaRepository<BatchIdentifiers, Long> {
}
