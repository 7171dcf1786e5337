package io.deidq.pipeline.stage;

import io.deidq.batch.Stage;
import io.deidq.identifiers.IdentifierExtractor;
import io.deidq.identifiers.IdentifiersException;
import io.deidq.pipeline.FinalStageFailure;
import io.deidq.pipeline.StageTask;
import io.deidq.pipeline.StageWork;

import java.io.IOException;
import java.util.List;

/** get-identifiers: the headers of a batch's spool files read into ids[entity][item] = {field: value} (BatchIdentifiers.ids). */
public final class GetIdentifiersStage implements StageWork {

    private final SpooledImages spool;
    private final IdentifierExtractor extractor;
    private final StoredIdentifiers stored;

    public GetIdentifiersStage(SpooledImages spool, IdentifierExtractor extractor, StoredIdentifiers stored) {
        this.spool = spool;
        this.extractor = extractor;
        this.stored = stored;
    }

    @Override
    public Stage stage() {
        return Stage.GET_IDENTIFIERS;
    }

    @Override
    public void run(StageTask task) throws FinalStageFailure, IOException {
        List<SpooledImages.SpooledImage> images = spool.of(task.batchId());
        try {
            stored.store(task, extractor.extract(images.stream().map(SpooledImages.SpooledImage::file).toList()).ids(),
                    StoredIdentifiers.ids());
        } catch (IdentifiersException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new FinalStageFailure(e.getMessage(), e);
        }
    }
}
