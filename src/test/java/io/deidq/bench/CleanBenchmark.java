package io.deidq.bench;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.ReadOptions;
import io.deidq.recipe.CleanedImage;
import io.deidq.recipe.CleaningSettings;
import io.deidq.recipe.HeaderAction;
import io.deidq.recipe.HeaderCleaner;
import io.deidq.recipe.ImageCleaner;
import io.deidq.recipe.RecipeApplicationException;
import io.deidq.recipe.RecipeException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The clean stage's figures of merit, with the built-in recipes, on the 512 KiB CT image
 * scripts/bench makes with dcmtk (one thread: files per second per core): the header clean alone
 * (the header as read, copied, cleaned by the image recipe), and the whole clean of one image
 * (read, filters, header, de-identification record, the file written with its Pixel Data streamed
 * through, the metadata record). The directory comes from the system property deidq.bench.dir.
 */
@State(Scope.Benchmark)
public class CleanBenchmark {

    private static final Map<String, Object> VARS = Map.of("entity_id", "SUBJ0001", "item_id", "ACC0001", "jitter", -12,
            "entity_timestamp", "1970-01-01T00:00:00Z", "item_timestamp", "2024-01-02T10:10:10Z");

    private final Path dir = Path.of(System.getProperty("deidq.bench.dir", "target/bench"));
    private final Path ct = dir.resolve("ct.dcm");
    private final Path output = dir.resolve("clean-output");
    private Dataset header;
    private HeaderCleaner imageRecipe;
    private ImageCleaner cleaner;
    private CleanedImage written;

    @Setup
    public void setUp() throws IOException, RecipeException {
        CleaningSettings settings = new CleaningSettings(List.of(CleaningSettings.DEFAULT_IMAGE_RECIPE),
                List.of(CleaningSettings.DEFAULT_METADATA_RECIPE), HeaderAction.Action.BLANK, HeaderAction.Action.REMOVE, true,
                "a bench secret of some length".getBytes(StandardCharsets.UTF_8));
        imageRecipe = settings.rules().image();
        cleaner = new ImageCleaner(settings.rules());
        try (DicomFile file = DicomReader.readFile(ct, ReadOptions.headersOnly())) {
            header = file.dataset();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Dataset headerClean() throws RecipeApplicationException {
        Dataset copy = header.copy();
        imageRecipe.clean(copy, VARS);
        return copy;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public CleanedImage cleanImage() throws Exception {
        written = cleaner.clean(ct, VARS, output);
        return written;
    }

    /**
     * Each image is written as a new file, as in a batch. Renamed over the file of the iteration
     * before, it would make ext4 write the new file out at once (auto_da_alloc), which no batch does.
     */
    @TearDown(Level.Invocation)
    public void deleteTheCleanedImage() throws IOException {
        if (written != null) {
            Files.deleteIfExists(written.output());
        }
    }
}
