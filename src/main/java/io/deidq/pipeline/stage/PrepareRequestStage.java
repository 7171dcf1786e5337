package io.deidq.pipeline.stage;

import io.deidq.batch.BatchIdentifiers;
import io.deidq.batch.Stage;
import io.deidq.identifiers.Identifiers;
import io.deidq.identifiers.IdentifiersException;
import io.deidq.identifiers.IdentityRequestBuilder;
import io.deidq.pipeline.FinalStageFailure;
import io.deidq.pipeline.StageTask;
import io.deidq.pipeline.StageWork;

/** prepare-request: the batch's ids made into the identity request, entity = patient, item = study (BatchIdentifiers.request). */
public final class PrepareRequestStage implements StageWork {

    private final IdentityRequestBuilder builder;
    private final StoredIdentifiers stored;

    public PrepareRequestStage(IdentityRequestBuilder builder, StoredIdentifiers stored) {
        this.builder = builder;
        this.stored = stored;
    }

    @Override
    public Stage stage() {
        return Stage.PREPARE_REQUEST;
    }

    @Override
    public void run(StageTask task) throws FinalStageFailure {
        Identifiers ids = stored.read(task.batchId(), BatchIdentifiers::ids, "ids", "get-identifiers", Identifiers.class);
        try {
            stored.store(task, builder.prepare(ids), StoredIdentifiers.request());
        } catch (IdentifiersException e) {
            throw new FinalStageFailure(e.getMessage(), e);
        }
    }
}
