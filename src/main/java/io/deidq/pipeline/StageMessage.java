package io.deidq.pipeline;

import io.deidq.batch.Stage;

/** What a stage queue carries: ids only; every other state lives in the database (DESIGN.md, "Data flow"). */
public record StageMessage(long batchId, Stage stage, int attempt) {

    public StageMessage {
        if (stage == null) {
            throw new IllegalArgumentException("a stage message needs a stage");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, not " + attempt);
        }
    }

    @Override
    public String toString() {
        return "stage " + stage.queueName() + " of batch " + batchId + " (attempt " + attempt + ")";
    }
}
