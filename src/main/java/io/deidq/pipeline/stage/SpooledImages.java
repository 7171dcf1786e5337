package io.deidq.pipeline.stage;

import io.deidq.batch.Image;
import io.deidq.batch.ImageRepository;
import io.deidq.pipeline.FinalStageFailure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch's images and their files in the spool, which every worker reaches at the same path
 * (deidq.receiver.spool-directory, a shared file system when workers run on other machines).
 */
public final class SpooledImages {

    /** One image of a batch and its spool file. */
    public record SpooledImage(Image image, Path file) {
    }

    private final ImageRepository images;
    private final Path spoolRoot;

    public SpooledImages(ImageRepository images, Path spoolRoot) {
        this.images = images;
        this.spoolRoot = spoolRoot.toAbsolutePath().normalize();
    }

    /** Every image of the batch with its file; a batch without images, or an image whose file is gone, fails for good. */
    public List<SpooledImage> of(long batchId) throws FinalStageFailure {
        List<Image> rows = images.findByBatchIdOrderById(batchId);
        if (rows.isEmpty()) {
            throw new FinalStageFailure("batch " + batchId + " has no images");
        }
        List<SpooledImage> spooled = new ArrayList<>(rows.size());
        for (Image image : rows) {
            Path file = fileOf(image);
            if (!Files.isRegularFile(file)) {
                throw new FinalStageFailure("the spool file of image " + image.id() + " (" + image.spoolPath() + ") is missing from "
                        + spoolRoot);
            }
            spooled.add(new SpooledImage(image, file));
        }
        return spooled;
    }

    public Path fileOf(Image image) {
        return spoolRoot.resolve(image.spoolPath());
    }
}
