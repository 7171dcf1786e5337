package io.deidq.batch;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;

public interface BatchRepository extends JpaRepository<Batch, Long> {

    List<Batch> findByStateOrderById(BatchState state);

    /** DONE batches finished before {@code cutoff} whose files are not released yet. */
    @Query("select b.id from Batch b where b.state = io.deidq.batch.BatchState.DONE and b.releasedAt is null and b.finishedAt < :cutoff order by b.id")
    List<Long> findUnreleasedDoneBefore(@Param("cutoff") Instant cutoff);

    /** Every batch of one key, the first first: a key's later batches name the earlier in previousBatchId. */
    List<Batch> findByKeyKindAndBatchKeyOrderById(BatchKeyKind keyKind, String batchKey);

    /** A page of batches, newest first: those with an id below {@code before}. */
    List<Batch> findByIdLessThanOrderByIdDesc(long before, Limit limit);

    /** A page of the batches in {@code state}, newest first: those with an id below {@code before}. */
    List<Batch> findByStateAndIdLessThanOrderByIdDesc(BatchState state, long before, Limit limit);
}
