package io.deidq.batch;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface TaskRunRepository extends JpaRepository<TaskRun, Long> {

    List<TaskRun> findByBatchIdOrderById(long batchId);

    /** Runs started before {@code startedBefore} and not finished: their workers may have died. */
    List<TaskRun> findByFinishedAtIsNullAndStartedAtBeforeOrderById(Instant startedBefore);

    /** Runs not finished whose worker's last sign of life (heartbeat, or start before the first) is before {@code cutoff}. */
    @Query("select t.id from TaskRun t where t.finishedAt is null and coalesce(t.heartbeatAt, t.startedAt) < :cutoff order by t.id")
    List<Long> findUnfinishedQuietSince(@Param("cutoff") Instant cutoff);

    /**
     * The run, its row locked until the transaction ends: whoever finishes a run (its worker, a
     * sweeper abandoning it) locks it first, so that it is finished once and the second sees it finished.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from TaskRun t where t.id = :id")
    Optional<TaskRun> findForUpdate(@Param("id") long id);

    /** Records a sign of life of the run's worker, if the run is not finished; answers whether it was not. */
    @Modifying
    @Query("update TaskRun t set t.heartbeatAt = :at where t.id = :id and t.finishedAt is null")
    int heartbeat(@Param("id") long id, @Param("at") Instant at);

    /** A batch's latest run of {@code stage} that ended {@code outcome}. */
    Optional<TaskRun> findFirstByBatchIdAndStageAndOutcomeOrderByIdDesc(long batchId, Stage stage, TaskOutcome outcome);
}
