package io.deidq.pipeline;

import io.deidq.batch.Stage;

/**
 * The work of one stage, run by a worker for each message on its queue. Handlers are idempotent:
 * the outbox publishes at least once, so a message may come twice, and a rerun repeats a stage.
 * A handler that throws has its message acknowledged all the same, and {@link StageFailures}
 * decides what follows: the broker never redelivers it.
 */
public interface StageHandler {

    Stage stage();

    void handle(StageMessage message) throws Exception;
}
