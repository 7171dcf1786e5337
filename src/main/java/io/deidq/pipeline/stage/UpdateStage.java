package io.deidq.pipeline.stage;

import io.deidq.batch.BatchIdentifiers;
import io.deidq.batch.Stage;
import io.deidq.identifiers.Identifiers;
import io.deidq.identifiers.IdentifiersException;
import io.deidq.identifiers.ResponseMerger;
import io.deidq.identity.IdentityResponse;
import io.deidq.pipeline.FinalStageFailure;
import io.deidq.pipeline.StageTask;
import io.deidq.pipeline.StageWork;

/** update: the identity response's suid, jitter and jittered timestamps merged into each image's ids (BatchIdentifiers.updatedIds). */
public final class UpdateStage implements StageWork {

    private final ResponseMerger merger;
    private final StoredIdentifiers stored;

    public UpdateStage(ResponseMerger merger, StoredIdentifiers stored) {
        this.merger = merger;
        this.stored = stored;
    }

    @Override
    public Stage stage() {
        return Stage.UPDATE;
    }

    @Override
    public void run(StageTask task) throws FinalStageFailure {
        Identifiers ids = stored.read(task.batchId(), BatchIdentifiers::ids, "ids", "get-identifiers", Identifiers.class);
        IdentityResponse response = stored.read(task.batchId(), BatchIdentifiers::response, "identity response", "identify",
                IdentityResponse.class);
        try {
            stored.store(task, merger.update(ids, response), StoredIdentifiers.updatedIds());
        } catch (IdentifiersException e) {
            throw new FinalStageFailure(e.getMessage(), e);
        }
    }
}
