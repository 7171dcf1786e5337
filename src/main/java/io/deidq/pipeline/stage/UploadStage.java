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

    public UploadStage(ImageRepository images, TaskRunRepository runs, StagingArea staging, ImageSink imageSink,
                       MetadataSink metadataSink, TransactionTemplate transactions, ObjectMapper json, Clock clock, ImagePool pool) {
        this.images = images;
        this.runs = runs;
        this.staging = staging;
        this.imageSink = imageSink;
        this.metadataSink = metadataSink;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.pool = pool;
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
            markUploaded(pool.each(group, image -> upload(image, run)));
        }
    }

    private long upload(Image image, Path run) throws IOException, FinalStageFailure {
        String name = image.outputName();
        Path cleaned = run.resolve("images").resolve(name + ".dcm");
        Path record = run.resolve("metadata").resolve(name + ".json");
        if (!Files.isRegularFile(cleaned) || !Files.isRegularFile(record)) {
            throw new FinalStageFailure("image " + image.id() + ": its cleaned file or metadata record is missing from " + run
                    + "; rerun from the start");
        }
        imageSink.store(name + ".dcm", cleaned);
        metadataSink.store(name + ".json", json.readValue(record.toFile(), RECORD));
        return image.id();
    }

    private void markUploaded(List<Long> ids) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> images.findAllById(ids).forEach(image -> image.uploaded(now)));
    }
}
