package io.deidq.batch;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface BatchRepository extends JpaRepository<Batch, Long> {

    List<Batch> findByStateOrderById(BatchState state);

    /** Every batch of one key, the first first: a key's later batches name the earlier in previousBatchId. */
    List<Batch> findByKeyKindAndBatchKeyOrderById(BatchKeyKind keyKind, String batchKey);

    /** A page of batches, newest first: those with an id below {@code before}. */
    List<Batch> findByIdLessThanOrderByIdDesc(long before, Limit limit);

    /** A page of the batches in {@code state}, newest first: those with an id below {@code before}. */
    List<Batch> findByStateAndIdLessThanOrderByIdDesc(BatchState state, long before, Limit limit);
}
