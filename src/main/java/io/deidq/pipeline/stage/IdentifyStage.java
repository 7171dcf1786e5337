package io.deidq.pipeline.stage;

import io.deidq.batch.BatchIdentifiers;
import io.deidq.batch.Stage;
import io.deidq.identity.IdentityException;
import io.deidq.identity.IdentityRequest;
import io.deidq.identity.IdentityService;
import io.deidq.pipeline.FinalStageFailure;
import io.deidq.pipeline.StageTask;
import io.deidq.pipeline.StageWork;

/**
 * identify: the identity request sent to the identity service, the embedded one or DASHER, whose
 * answer is kept as it came (BatchIdentifiers.response). The service is asked again on a rerun and
 * gives the same pseudonyms: it keeps them. An answer it says may come later is retried.
 */
public final class IdentifyStage implements StageWork {

    private final IdentityService identity;
    private final StoredIdentifiers stored;

    public IdentifyStage(IdentityService identity, StoredIdentifiers stored) {
        this.identity = identity;
        this.stored = stored;
    }

    @Override
    public Stage stage() {
        return Stage.IDENTIFY;
    }

    @Override
    public void run(StageTask task) throws FinalStageFailure, IdentityException {
        IdentityRequest request = stored.read(task.batchId(), BatchIdentifiers::request, "identity request", "prepare-request",
                IdentityRequest.class);
        try {
            stored.store(task, identity.identify(null, request), StoredIdentifiers.response());
        } catch (IdentityException e) {
            if (e.retryable()) {
                throw e;
            }
            throw new FinalStageFailure(e.getMessage(), e);
        }
    }
}
