package io.deidq.batch;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;
import java.util.List;

public interface TaskRunRepository extends JpaRepository<TaskRun, Long> {

    List<TaskRun> findByBatchIdOrderById(long batchId);

    /** Runs started before {@code startedBefore} and not finished: their workers may have died. */
    List<TaskRun> findByFinishedAtIsNullAndStartedAtBeforeOrderById(Instant startedBefore);
}
