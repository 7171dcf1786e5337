package io.deidq.batch;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface TaskRunRepository extends JpaRepository<TaskRun, Long> {

    List<TaskRun> findByBatchIdOrderById(long batchId);

    /** Runs started before {@code startedBefore} and not finished: their workers may have died. */
    List<TaskRun> findByFinishedAtIsNullAndStartedAtBeforeOrderById(Instant startedBefore);

    /** A batch's latest run of {@code stage} that ended {@code outcome}. */
    Optional<TaskRun> findFirstByBatchIdAndStageAndOutcomeOrderByIdDesc(long batchId, Stage stage, TaskOutcome outcome);
}
