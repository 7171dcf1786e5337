package io.deidq.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.deidq.OneShotServices;
import io.deidq.identifiers.Extraction;
import io.deidq.identifiers.IdentifierExtractor;
import io.deidq.identifiers.Identifiers;
import io.deidq.identifiers.IdentifiersException;
import io.deidq.identifiers.IdentityRequestBuilder;
import io.deidq.identifiers.ItemKey;
import io.deidq.identifiers.MetadataRecord;
import io.deidq.identifiers.ResponseMerger;
import io.deidq.identity.IdentityException;
import io.deidq.recipe.CleanedImage;
import io.deidq.recipe.CleaningException;
import io.deidq.recipe.CleaningSettings;
import io.deidq.recipe.ImageCleaner;
import io.deidq.recipe.RecipeException;
import io.deidq.recipe.RecipeProperties;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * deidq anonymize: the pipeline's identifiers, identity and clean stages, one-shot, on a folder.
 * Ids are extracted from every file, the identity service (the service's own, configured as the
 * service is) gives pseudonyms and jitter, and each image is cleaned by the recipes into
 * OUT/images/Study/Series/SOP.dcm with its metadata record in OUT/metadata/Study/Series/SOP.json,
 * named by new UIDs only. A file that cannot be cleaned is listed with the reason; a flagged image
 * whose pixels cannot be cleaned is quarantined: listed, and not written.
 */
final class AnonymizeCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final boolean interactive;
    private final Function<String, OneShotServices> services;

    /** @param services starts the service's identity service and settings for {@code embedded} or {@code dasher} */
    AnonymizeCommand(boolean interactive, Function<String, OneShotServices> services) {
        this.interactive = interactive;
        this.services = services;
    }

    @Override
    public String summary() {
        return "de-identify DICOM files by the recipes, as the clean stage does";
    }

    @Override
    public String usage() {
        return "[--recipe FILE]... [--metadata-recipe FILE]... [--identity embedded|dasher] [--threads N] [--quiet] IN OUT";
    }

    @Override
    public Map<String, Boolean> options() {
        return Map.of("recipe", true, "metadata-recipe", true, "identity", true, "threads", true, "quiet", false);
    }

    /** One file's way through: its ids key and fields once extracted, its outcome once cleaned, or why it failed. */
    private record Work(Path file, ItemKey key, Map<String, Object> fields, CleanedImage cleaned, String failure) {

        static Work failed(Path file, String reason) {
            return new Work(file, null, null, null, reason);
        }
    }

    /** One file's step, which answers what became of it rather than throw. */
    private interface Step {
        Work apply(Work work);
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        if (arguments.operands().size() != 2) {
            throw new UsageException("needs IN and OUT");
        }
        Path in = Path.of(arguments.operands().get(0)).toAbsolutePath().normalize();
        Path output = Path.of(arguments.operands().get(1)).toAbsolutePath().normalize();
        if (output.startsWith(in) && Files.isDirectory(in)) {
            throw new UsageException("OUT must not be inside IN, or a second run would read the first one's output");
        }
        String identity = arguments.value("identity", "embedded");
        if (!identity.equals("embedded") && !identity.equals("dasher")) {
            throw new UsageException("--identity is embedded or dasher, not '" + identity + "'");
        }
        int threads = (int) arguments.longValue("threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new UsageException("--threads needs at least 1");
        }
        List<FileFailure> failures = new ArrayList<>();
        List<Path> files = InputFiles.collect(List.of(in.toString()), failures);
        long start = System.nanoTime();
        Phases phases = new Phases(System::nanoTime);
        List<Work> done;
        try (OneShotServices services = this.services.apply(identity)) {
            ImageCleaner cleaner = new ImageCleaner(settings(services, arguments).rules());
            phases.done("start-up");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                done = anonymize(files, services, cleaner, output, pool, arguments.has("quiet"), err, phases);
            } finally {
                pool.shutdownNow();
            }
        } catch (RecipeException e) {
            err.println("deidq anonymize: recipe refused: " + e.getMessage());
            return 1;
        } catch (IdentifiersException | IdentityException | IOException e) {
            err.println("deidq anonymize: nothing written: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("deidq anonymize: cannot start: " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return summarise(files.size(), done, failures, seconds, phases, out);
    }

    private static CleaningSettings settings(OneShotServices services, Arguments arguments) throws IOException {
        RecipeProperties recipe = services.recipe();
        List<String> image = arguments.values("recipe").isEmpty() ? recipe.image() : arguments.values("recipe");
        List<String> metadata = arguments.values("metadata-recipe").isEmpty() ? recipe.metadata() : arguments.values("metadata-recipe");
        return recipe.settings(services.deidq().dataDir(), image, metadata);
    }

    private List<Work> anonymize(List<Path> files, OneShotServices services, ImageCleaner cleaner, Path output,
                                 ExecutorService pool, boolean quiet, PrintStream err, Phases phases)
            throws IdentifiersException, IdentityException {
        IdentifierExtractor extractor = new IdentifierExtractor(services.identifiers());
        List<Work> extracted = inParallel(files.stream().map(f -> new Work(f, null, null, null, null)).toList(), pool,
                work -> extract(extractor, work.file()));
        // One image in two files is cleaned once: both would be written to the same name.
        Map<ItemKey, Path> firstFile = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Object>>> entities = new LinkedHashMap<>();
        List<Work> keyed = new ArrayList<>();
        for (Work work : extracted) {
            Path earlier = work.failure() == null ? firstFile.putIfAbsent(work.key(), work.file()) : null;
            if (earlier != null) {
                keyed.add(Work.failed(work.file(), "the same image (" + services.identifiers().entityKey() + " and "
                        + services.identifiers().itemKey() + ") as " + earlier + ": cleaned once, from that file"));
                continue;
            }
            if (work.failure() == null) {
                entities.computeIfAbsent(work.key().entity(), e -> new LinkedHashMap<>()).put(work.key().item(), work.fields());
            }
            keyed.add(work);
        }
        phases.done("identifiers");
        Identifiers ids = new Identifiers(entities);
        if (ids.itemCount() == 0) {
            return keyed;
        }
        Identifiers updated = new ResponseMerger(services.identifiers()).update(ids,
                services.identityService().identify(null, new IdentityRequestBuilder(services.identifiers()).prepare(ids)));
        phases.done("identity");
        ProgressBar bar = new ProgressBar(err, interactive && !quiet, keyed.size(), System::nanoTime);
        List<Work> cleaned = inParallel(keyed, pool, work -> {
            Work result = work.failure() != null ? work : clean(cleaner, work, updated, output);
            synchronized (bar) {
                bar.advance(fileSize(work.file()));
            }
            return result;
        });
        bar.finish();
        phases.done("cleaning");
        return cleaned;
    }

    private static Work extract(IdentifierExtractor extractor, Path file) {
        try {
            Extraction extraction = extractor.extract(List.of(file));
            ItemKey key = extraction.items().get(file);
            return new Work(file, key, extraction.ids().fields(key.entity(), key.item()), null, null);
        } catch (IdentifiersException e) {
            return Work.failed(file, e.getMessage());
        }
    }

    private static Work clean(ImageCleaner cleaner, Work work, Identifiers updated, Path output) {
        try {
            CleanedImage cleaned = cleaner.clean(work.file(), updated.fields(work.key().entity(), work.key().item()),
                    output.resolve("images"));
            if (cleaned.outcome() != CleanedImage.Outcome.QUARANTINED) {
                writeMetadata(output.resolve("metadata").resolve(output.resolve("images").relativize(cleaned.output()))
                        .resolveSibling(cleaned.sopInstanceUid() + ".json"), MetadataRecord.of(cleaned.metadata()));
            }
            return new Work(work.file(), work.key(), null, cleaned, null);
        } catch (CleaningException | IOException | RuntimeException e) {
            return Work.failed(work.file(), e.getMessage());
        }
    }

    private static void writeMetadata(Path target, Map<String, Object> record) throws IOException {
        // Most images go where one went before: asked to create what exists, the JDK throws and catches an exception.
        if (!Files.isDirectory(target.getParent())) {
            Files.createDirectories(target.getParent());
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            JSON.writeValue(part.toFile(), record);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static List<Work> inParallel(List<Work> works, ExecutorService pool, Step step) {
        List<Future<Work>> futures = works.stream().map(work -> pool.submit(() -> step.apply(work))).toList();
        List<Work> results = new ArrayList<>(works.size());
        for (int k = 0; k < futures.size(); k++) {
            try {
                results.add(futures.get(k).get());
            } catch (ExecutionException e) {
                results.add(Work.failed(works.get(k).file(), String.valueOf(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(Work.failed(works.get(k).file(), "interrupted"));
            }
        }
        return results;
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static int summarise(int total, List<Work> works, List<FileFailure> failures, double seconds, Phases phases,
                                 PrintStream out) {
        Map<CleanedImage.Outcome, Integer> counts = new LinkedHashMap<>();
        List<FileFailure> quarantined = new ArrayList<>();
        List<FileFailure> errors = new ArrayList<>(failures);
        for (Work work : works) {
            if (work.failure() != null) {
                errors.add(new FileFailure(work.file(), work.failure()));
                continue;
            }
            counts.merge(work.cleaned().outcome(), 1, Integer::sum);
            if (work.cleaned().outcome() == CleanedImage.Outcome.QUARANTINED) {
                quarantined.add(new FileFailure(work.file(), work.cleaned().reason()));
            }
        }
        int cleaned = counts.getOrDefault(CleanedImage.Outcome.CLEANED, 0);
        int pixels = counts.getOrDefault(CleanedImage.Outcome.PIXELS_CLEANED, 0);
        out.printf(Locale.ROOT, "anonymized %d of %d files in %.2f s (%.0f files/s): %d cleaned, %d flagged and their pixels"
                        + " cleaned, %d quarantined, %d errors%n", cleaned + pixels, total, seconds, (cleaned + pixels) / seconds,
                cleaned, pixels, quarantined.size(), errors.size());
        out.println("  " + phases);
        FileFailure.report(out, quarantined, "quarantined (flagged, pixels not cleaned, not written)");
        FileFailure.report(out, errors, "not anonymized");
        return quarantined.isEmpty() && errors.isEmpty() ? 0 : 1;
    }
}
