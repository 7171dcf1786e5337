package io.deidq.batch;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface BatchRepository extends JpaRepository<Batch, Long> {

    List<Batch> findByStateOrderById(BatchState state);

    /** Every batch of one key, the first first: a key's later batches name the earlier in previousBatchId. */
    List<Batch> findByKeyKindAndBatchKeyOrderById(BatchKeyKind keyKind, String batchKey);
}
