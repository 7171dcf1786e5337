package io.deidq.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.deidq.batch.Batch;
import io.deidq.batch.BatchState;
import io.deidq.batch.Stage;
import io.deidq.batch.TaskOutcome;
import io.deidq.batch.TaskRun;

import java.time.Instant;
import java.util.List;

/**
 * The Batches API's bodies. A batch is shown by its id and where it stands, never by its key,
 * accession number or Study Instance UID, which are PHI: those fields are simply not here. Every
 * field is always present, null when unset.
 */
final class BatchViews {

    private BatchViews() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Summary(long id, BatchState state, Stage stage, int attempt, String error,
                   @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt,
                   @JsonProperty("closed_at") Instant closedAt, @JsonProperty("finished_at") Instant finishedAt,
                   @JsonProperty("previous_batch_id") Long previousBatchId, @JsonProperty("image_count") long imageCount,
                   long version) {

        static Summary of(Batch batch, long imageCount) {
            return new Summary(batch.id(), batch.state(), batch.stage(), batch.attempt(), batch.error(), batch.createdAt(),
                    batch.updatedAt(), batch.closedAt(), batch.finishedAt(), batch.previousBatchId(), imageCount, batch.version());
        }
    }

    /** One batch and every run of its stages, the first first. */
    record Detail(@JsonUnwrapped Summary batch, @JsonProperty("task_runs") List<TaskRunView> taskRuns) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TaskRunView(Stage stage, int attempt, String worker, @JsonProperty("started_at") Instant startedAt,
                       @JsonProperty("heartbeat_at") Instant heartbeatAt, @JsonProperty("finished_at") Instant finishedAt,
                       TaskOutcome outcome, String error) {

        static TaskRunView of(TaskRun run) {
            return new TaskRunView(run.stage(), run.attempt(), run.worker(), run.startedAt(), run.heartbeatAt(), run.finishedAt(),
                    run.outcome(), run.error());
        }
    }

    /** A page, newest first; {@code next_token} is the {@code _token} of the next page, null when this one is the last. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<Summary> batches, @JsonProperty("next_token") String nextToken) {
    }
}
