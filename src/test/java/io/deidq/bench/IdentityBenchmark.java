package io.deidq.bench;

import io.deidq.DeidqApplication;
import io.deidq.identity.IdentityRequest;
import io.deidq.identity.IdentityResponse;
import io.deidq.identity.IdentityService;
import io.deidq.testing.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Pseudonym lookups per second of the embedded identity service, called in-process as the
 * pipeline's workers call it, on H2 (a file database, the embedded default) and on the local
 * PostgreSQL (a schema of its own, dropped afterwards; left out, saying so, when none answers).
 * A lookup is one pseudonym answered: an entity's suid and jitter, or an item's suid. Cases:
 * one entity with 1,616 items (the largest batch seed 003 shows) in one request; 10,000 distinct
 * patients with one study each, one request per patient as the pipeline sends them (from 1 and
 * from 4 threads, as 4 workers would), and in one request. Each is timed first for patients the
 * service has never seen (pseudonyms created) and then again (pseudonyms read back), after a
 * warm-up on other patients. scripts/bench identity runs it.
 * Usage: IdentityBenchmark WORK-DIRECTORY
 */
public final class IdentityBenchmark {

    private static final int ITEMS = 1_616;
    private static final int PATIENTS = 10_000;
    private static final int REPEATS = 20;

    private final IdentityService service;
    private final String run;
    private int next;

    private IdentityBenchmark(IdentityService service, String run) {
        this.service = service;
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        List<String> kinds = new ArrayList<>(List.of("h2"));
        if (TestDatabase.postgresAnswers()) {
            kinds.add("postgresql");
        } else {
            System.out.println("PostgreSQL: none answers at " + TestDatabase.POSTGRES_URL + ", left out");
        }
        for (String kind : kinds) {
            Path dataDir = Files.createTempDirectory(Files.createDirectories(work), "identity-" + kind + "-");
            try (TestDatabase database = TestDatabase.open(kind, dataDir)) {
                List<String> arguments = new ArrayList<>(database.arguments());
                arguments.addAll(List.of("--deidq.roles=identity", "--logging.level.root=WARN"));
                try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DeidqApplication.class)
                        .web(WebApplicationType.NONE).run(arguments.toArray(String[]::new))) {
                    System.out.println();
                    System.out.println(database);
                    new IdentityBenchmark(context.getBean(IdentityService.class), Long.toString(System.nanoTime(), 36)).measure();
                }
            }
        }
    }

    private void measure() throws Exception {
        warmUp();

        IdentityRequest bigEntity = request(List.of(patient(ITEMS)));
        long created = time(() -> identify(bigEntity));
        long readBack = time(() -> {
            for (int i = 0; i < REPEATS; i++) {
                identify(bigEntity);
            }
        });
        print("1 entity, 1,616 items, 1 request", "new", ITEMS + 1, 1, created);
        print("1 entity, 1,616 items, 1 request", "known", (ITEMS + 1) * REPEATS, REPEATS, readBack);

        for (int threads : new int[]{1, 4}) {
            List<IdentityRequest> patients = IntStream.range(0, PATIENTS).mapToObj(i -> request(List.of(patient(1)))).toList();
            String what = String.format("10,000 patients, 1 study each, 1 request each, %d thread%s", threads, threads > 1 ? "s" : "");
            print(what, "new", 2 * PATIENTS, PATIENTS, time(() -> inParallel(patients, threads)));
            print(what, "known", 2 * PATIENTS, PATIENTS, time(() -> inParallel(patients, threads)));
        }

        IdentityRequest allPatients = request(IntStream.range(0, PATIENTS).mapToObj(i -> patient(1)).toList());
        print("10,000 patients, 1 study each, 1 request", "new", 2 * PATIENTS, 1, time(() -> identify(allPatients)));
        print("10,000 patients, 1 study each, 1 request", "known", 2 * PATIENTS, 1, time(() -> identify(allPatients)));
    }

    private void warmUp() throws Exception {
        for (int round = 0; round < 3; round++) {
            IdentityRequest big = request(List.of(patient(ITEMS)));
            identify(big);
            identify(big);
            List<IdentityRequest> patients = IntStream.range(0, 2_000).mapToObj(i -> request(List.of(patient(1)))).toList();
            inParallel(patients, 4);
            inParallel(patients, 4);
        }
    }

    private void inParallel(List<IdentityRequest> requests, int threads) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(workers.submit(() -> {
                    for (int i = first; i < requests.size(); i += threads) {
                        identify(requests.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            workers.shutdown();
        }
    }

    private IdentityResponse identify(IdentityRequest request) {
        try {
            IdentityResponse response = service.identify("bench", request);
            if (response.results().size() != request.identifiers().size()) {
                throw new IllegalStateException("the service answered " + response.results().size() + " entities for "
                        + request.identifiers().size());
            }
            return response;
        } catch (Exception e) {
            throw new IllegalStateException("the embedded identity service failed", e);
        }
    }

    private IdentityRequest.Entity patient(int studies) {
        String patient = "P" + run + "-" + next++;
        List<IdentityRequest.Item> items = IntStream.range(0, studies)
                .mapToObj(i -> new IdentityRequest.Item(patient + "-" + i, "DCM Accession #", "2010-02-04T11:50:00Z", null)).toList();
        return new IdentityRequest.Entity(patient, "Stanford MRN", "1961-07-27T00:00:00Z", null, items);
    }

    private static IdentityRequest request(List<IdentityRequest.Entity> entities) {
        return new IdentityRequest(entities);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static void print(String what, String pseudonyms, int lookups, int requests, long nanos) {
        double seconds = nanos / 1e9;
        System.out.println(String.format(Locale.ROOT, "  %-58s %-5s %9.0f lookups/s  %9.1f requests/s  (%d lookups in %.3f s)",
                what, pseudonyms, lookups / seconds, requests / seconds, lookups, seconds));
    }
}
