package io.deidq.pipeline.stage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.batch.Image;
import io.deidq.batch.ImageOutcome;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.Stage;
import io.deidq.batch.TaskOutcome;
import io.deidq.batch.TaskRun;
import io.deidq.batch.TaskRunRepository;
import io.deidq.pipeline.FinalStageFailure;
import io.deidq.pipeline.StageTask;
import io.deidq.pipeline.StageWork;
import io.deidq.upload.ImageSink;
import io.deidq.upload.MetadataSink;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * upload: each cleaned image of the batch stored by the image sink, then its metadata record by
 * the metadata sink, from the staging directory of the clean run that succeeded, under its new
 * UIDs, several at a time (deidq.worker.image-threads). Images are marked uploaded in groups, so
 * that an attempt after a crash sends only the rest;
 * the sinks replace what they hold under a name, so an image sent twice is still one output.
 */
public final class UploadStage implements StageWork {

    private static final int MARK_EVERY = 50;
    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
    };

    private final ImageRepository images;
    private final TaskRunRepository runs;
    private final StagingArea staging;
    private final ImageSink imageSink;
    private final MetadataSink metadataSink;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final ImagePool pool;
    private final RunOwnership ownership;

    public UploadStage(ImageRepository images, TaskRunRepository runs, StagingArea staging, ImageSink imageSink,
                       MetadataSink metadataSink, TransactionTemplate transactions, ObjectMapper json, Clock clock, ImagePool pool,
                       RunOwnership ownership) {
        this.images = images;
        this.runs = runs;
        this.staging = staging;
        this.imageSink = imageSink;
        this.metadataSink = metadataSink;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.pool = pool;
        this.ownership = ownership;
    }

    @Override
    public Stage stage() {
        return Stage.UPLOAD;
    }

    @Override
    public void run(StageTask task) throws FinalStageFailure, IOException {
        TaskRun clean = runs.findFirstByBatchIdAndStageAndOutcomeOrderByIdDesc(task.batchId(), Stage.CLEAN, TaskOutcome.SUCCEEDED)
                .orElseThrow(() -> new FinalStageFailure("batch " + task.batchId() + " has no clean run that succeeded; rerun from the start"));
        Path run = staging.ofCleanRun(task.batchId(), clean.id());
        if (!Files.isDirectory(run)) {
            throw new FinalStageFailure("the staging directory of clean run " + clean.id() + " (" + run + ") is gone; rerun from the start");
        }
        List<Image> toSend = new ArrayList<>();
        for (Image image : images.findByBatchIdOrderById(task.batchId())) {
            if (image.cleanOutcome() == null || image.cleanOutcome() == ImageOutcome.FAILED) {
                throw new FinalStageFailure("image " + image.id() + " was not cleaned (" + image.cleanOutcome() + "); rerun from the start");
            }
            if (image.cleanOutcome().uploaded() && image.uploadedAt() == null) {
                toSend.add(image);
            }
        }
        for (int from = 0; from < toSend.size(); from += MARK_EVERY) {
            List<Image> group = toSend.subList(from, Math.min(from + MARK_EVERY, toSend.size()));
            upload(task, group, run);
        }
    }

    /**
     * The group's images stored and made durable, then their records, then they are marked: a
     * record in the sink means its image is there, and an image marked uploaded is durable.
     */
    private void upload(StageTask task, List<Image> group, Path run) throws IOException, FinalStageFailure {
        for (Image image : group) {
            if (!Files.isRegularFile(cleanedFile(image, run)) || !Files.isRegularFile(recordFile(image, run))) {
                throw new FinalStageFailure("image " + image.id() + ": its cleaned file or metadata record is missing from " + run
                        + "; rerun from the start");
            }
        }
        pool.each(group, image -> {
            imageSink.store(image.outputName() + ".dcm", cleanedFile(image, run));
            return image;
        });
        imageSink.flush();
        List<Long> ids = pool.each(group, image -> {
            metadataSink.store(image.outputName() + ".json", json.readValue(recordFile(image, run).toFile(), RECORD));
            return image.id();
        });
        metadataSink.flush();
        markUploaded(task, ids);
    }

    private static Path cleanedFile(Image image, Path run) {
        return run.resolve("images").resolve(image.outputName() + ".dcm");
    }

    private static Path recordFile(Image image, Path run) {
        return run.resolve("metadata").resolve(image.outputName() + ".json");
    }

    private void markUploaded(StageTask task, List<Long> ids) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            ownership.check(task);
            images.findAllById(ids).forEach(image -> image.uploaded(now));
        });
    }
}
