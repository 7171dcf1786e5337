package io.deidq.pipeline.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.batch.BatchIdentifiers;
import io.deidq.batch.Image;
import io.deidq.batch.ImageOutcome;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.Stage;
import io.deidq.identifiers.IdentifierExtractor;
import io.deidq.identifiers.Identifiers;
import io.deidq.identifiers.IdentifiersException;
import io.deidq.identifiers.ItemKey;
import io.deidq.identifiers.MetadataRecord;
import io.deidq.pipeline.FinalStageFailure;
import io.deidq.pipeline.StageTask;
import io.deidq.pipeline.StageWork;
import io.deidq.recipe.CleanedImage;
import io.deidq.recipe.CleaningException;
import io.deidq.recipe.ImageCleaner;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * clean: every image of the batch cleaned by the recipes with its updated ids, into this run's
 * staging directory (images and metadata records named by the new UIDs), made durable, and each
 * image's outcome recorded. A quarantined image (flagged, pixels not cleanable) stays in the spool
 * and is not uploaded; an image that cannot be cleaned fails the batch for good, after the others
 * were tried, naming each by its row id and the reason.
 */
public final class CleanStage implements StageWork {

    private static final int REASONS_SHOWN = 3;

    private final SpooledImages spool;
    private final StoredIdentifiers stored;
    private final IdentifierExtractor extractor;
    private final ImageCleaner cleaner;
    private final StagingArea staging;
    private final ImageRepository images;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final ImagePool pool;

    public CleanStage(SpooledImages spool, StoredIdentifiers stored, IdentifierExtractor extractor, ImageCleaner cleaner,
                      StagingArea staging, ImageRepository images, TransactionTemplate transactions, ObjectMapper json,
                      ImagePool pool) {
        this.spool = spool;
        this.stored = stored;
        this.extractor = extractor;
        this.cleaner = cleaner;
        this.staging = staging;
        this.images = images;
        this.transactions = transactions;
        this.json = json;
        this.pool = pool;
    }

    /** What became of one image. */
    private record Outcome(long imageId, ImageOutcome outcome, String outputName, String reason) {
    }

    @Override
    public Stage stage() {
        return Stage.CLEAN;
    }

    @Override
    public void run(StageTask task) throws FinalStageFailure, IOException {
        Identifiers updated = stored.read(task.batchId(), BatchIdentifiers::updatedIds, "updated ids", "update", Identifiers.class);
        List<SpooledImages.SpooledImage> batch = spool.of(task.batchId());
        Path run = staging.freshCleanRun(task.batchId(), task.taskRunId());
        List<Outcome> outcomes = pool.each(batch, image -> clean(image, updated, run));
        StagingArea.makeDurable(run, pool);
        transactions.executeWithoutResult(status -> {
            Map<Long, Image> rows = images.findAllById(outcomes.stream().map(Outcome::imageId).toList()).stream()
                    .collect(Collectors.toMap(Image::id, image -> image));
            outcomes.forEach(o -> rows.get(o.imageId()).cleaned(o.outcome(), o.outputName(), o.reason()));
        });
        List<Outcome> failed = outcomes.stream().filter(o -> o.outcome() == ImageOutcome.FAILED).toList();
        if (!failed.isEmpty()) {
            throw new FinalStageFailure(failed.size() + " of " + outcomes.size() + " images could not be cleaned: "
                    + failed.stream().limit(REASONS_SHOWN).map(o -> "image " + o.imageId() + ": " + o.reason())
                    .collect(Collectors.joining("; ")) + (failed.size() > REASONS_SHOWN ? "; ..." : ""));
        }
    }

    private Outcome clean(SpooledImages.SpooledImage spooled, Identifiers updated, Path run) throws IOException {
        long id = spooled.image().id();
        try {
            ItemKey key = extractor.extract(List.of(spooled.file())).items().get(spooled.file());
            Map<String, Object> vars = updated.fields(key.entity(), key.item());
            if (vars == null) {
                return new Outcome(id, ImageOutcome.FAILED, null,
                        "not in the batch's updated ids: its header changed since get-identifiers; rerun from the start");
            }
            Path images = run.resolve("images");
            CleanedImage cleaned = cleaner.clean(spooled.file(), vars, images);
            if (cleaned.outcome() == CleanedImage.Outcome.QUARANTINED) {
                return new Outcome(id, ImageOutcome.QUARANTINED, null, cleaned.reason());
            }
            String file = images.relativize(cleaned.output()).toString();
            String name = file.substring(0, file.length() - ".dcm".length());
            Path metadata = run.resolve("metadata").resolve(name + ".json");
            Files.createDirectories(metadata.getParent());
            json.writeValue(metadata.toFile(), MetadataRecord.of(cleaned.metadata()));
            return new Outcome(id, cleaned.outcome() == CleanedImage.Outcome.PIXELS_CLEANED ? ImageOutcome.PIXELS_CLEANED
                    : ImageOutcome.CLEANED, name, null);
        } catch (IdentifiersException | CleaningException e) {
            return new Outcome(id, ImageOutcome.FAILED, null, e.getMessage());
        }
    }
}
