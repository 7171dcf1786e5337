package io.deidq.identity;

import io.deidq.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.deidq.identity.IdentityContexts.patient;
import static io.deidq.identity.IdentityContexts.request;
import static io.deidq.identity.IdentityContexts.study;
import static io.deidq.identity.IdentityContexts.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The embedded identity service called in-process, as the pipeline's workers call it, on one
 * database; each subclass names the database it runs on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbeddedIdentityServiceContract {

    private TestDatabase database;
    private ConfigurableApplicationContext context;
    private IdentityService service;
    private JdbcTemplate jdbc;

    abstract String databaseKind();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        database = TestDatabase.open(databaseKind(), dataDir);
        context = database.startApplication();
        service = context.getBean(IdentityService.class);
        jdbc = context.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theEmbeddedServiceIsTheIdentityService() {
        assertThat(service).isInstanceOf(EmbeddedIdentityService.class);
    }

    @Test
    void aPatientKeepsItsSuidAndJitterAndEachStudyItsSuid() throws Exception {
        String mrn = unique("MRN");
        IdentityRequest first = request(patient(mrn, "1961-07-27T00:00:00Z", study(unique("ACC"), "2010-02-04T11:50:00Z")));
        IdentityResponse.EntityResult once = service.identify("test", first).results().get(0);
        IdentityResponse.EntityResult again = service.identify("other-study", first).results().get(0);

        assertThat(again.suid()).isEqualTo(once.suid()).matches("[0-9A-Z]{16}").doesNotContain(mrn.substring(3));
        assertThat(again.jitter()).isEqualTo(once.jitter()).isNotZero().isBetween(-30, 30);
        assertThat(again.items().get(0).suid()).isEqualTo(once.items().get(0).suid()).isNotEqualTo(once.suid());
        assertThat(once.id()).isEqualTo(mrn);
        assertThat(once.idSource()).isEqualTo("Stanford MRN");
    }

    @Test
    void anItemTakesItsEntitysJitterAndTimestampsMoveByIt() throws Exception {
        IdentityResponse.EntityResult patient = service.identify("test", request(patient(unique("MRN"), "1961-07-27T00:00:00Z",
                study(unique("ACC"), "2010-02-04T11:50:00Z"), study(unique("ACC"), "2010-02-09T11:50:00-0800")))).results().get(0);
        int jitter = patient.jitter();

        assertThat(patient.items()).extracting(IdentityResponse.ItemResult::jitter).containsOnly(jitter);
        assertThat(patient.jitteredTimestamp()).isEqualTo(IdentityTimestamp.parse("1961-07-27T00:00:00Z").orElseThrow().plusDays(jitter).toString());
        assertThat(patient.items().get(0).jitteredTimestamp())
                .isEqualTo(java.time.LocalDate.of(2010, 2, 4).plusDays(jitter) + "T11:50:00Z");
        assertThat(patient.items().get(1).jitteredTimestamp())
                .isEqualTo(java.time.LocalDate.of(2010, 2, 9).plusDays(jitter) + "T11:50:00-0800");
    }

    @Test
    void distinctPatientsGetDistinctSuids() throws Exception {
        List<IdentityRequest.Entity> patients = IntStream.range(0, 200)
                .mapToObj(i -> patient(unique("MRN"), "1970-01-01T00:00:00Z")).toList();
        IdentityResponse response = service.identify("test", new IdentityRequest(patients));

        assertThat(response.results()).extracting(IdentityResponse.EntityResult::id)
                .containsExactlyElementsOf(patients.stream().map(IdentityRequest.Entity::id).toList());
        assertThat(response.results().stream().map(IdentityResponse.EntityResult::suid).distinct()).hasSize(200);
    }

    /** 1,616 studies: more than three chunks of the batched lookups, answered each by its own id, never by position. */
    @Test
    void anEntityWithThousandsOfItemsIsAnsweredItemByItem() throws Exception {
        List<IdentityRequest.Item> studies = IntStream.range(0, 1616).mapToObj(i -> study(unique("ACC"), "2011-03-01T08:00:00Z")).toList();
        IdentityRequest request = request(new IdentityRequest.Entity(unique("MRN"), "Stanford MRN", "1980-05-05T00:00:00Z", null, studies));
        IdentityResponse.EntityResult first = service.identify("test", request).results().get(0);

        List<IdentityRequest.Item> reversed = new ArrayList<>(studies);
        java.util.Collections.reverse(reversed);
        IdentityResponse.EntityResult second = service.identify("test", request(new IdentityRequest.Entity(
                request.identifiers().get(0).id(), "Stanford MRN", "1980-05-05T00:00:00Z", null, reversed))).results().get(0);

        assertThat(first.items()).extracting(IdentityResponse.ItemResult::id).containsExactlyElementsOf(studies.stream().map(IdentityRequest.Item::id).toList());
        assertThat(first.items().stream().map(IdentityResponse.ItemResult::suid).distinct()).hasSize(1616);
        for (IdentityResponse.ItemResult item : second.items()) {
            assertThat(item.suid()).isEqualTo(first.items().stream().filter(i -> i.id().equals(item.id())).findFirst().orElseThrow().suid());
        }
    }

    @Test
    void fiftyConcurrentRequestsForOneNewPatientMakeOneSubject() throws Exception {
        String mrn = unique("MRN");
        String accession = unique("ACC");
        IdentityRequest request = request(patient(mrn, "1950-01-01T00:00:00Z", study(accession, "2020-01-01T00:00:00Z")));
        ExecutorService workers = Executors.newFixedThreadPool(50);
        CountDownLatch ready = new CountDownLatch(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<IdentityResponse.EntityResult>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Callable<IdentityResponse.EntityResult> worker = () -> {
                    ready.countDown();
                    go.await();
                    return service.identify("test", request).results().get(0);
                };
                answers.add(workers.submit(worker));
            }
            assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            Set<String> suids = new HashSet<>();
            Set<Integer> jitters = new HashSet<>();
            Set<String> itemSuids = new HashSet<>();
            for (Future<IdentityResponse.EntityResult> answer : answers) {
                IdentityResponse.EntityResult result = answer.get(120, TimeUnit.SECONDS);
                suids.add(result.suid());
                jitters.add(result.jitter());
                itemSuids.add(result.items().get(0).suid());
            }
            assertThat(suids).hasSize(1);
            assertThat(jitters).hasSize(1);
            assertThat(itemSuids).hasSize(1);
        } finally {
            workers.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from identity_local_identifier where local_subject_id = ?", Integer.class, mrn))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from identity_item where item_id = ?", Integer.class, accession)).isEqualTo(1);
    }

    @Test
    void aPatientWithoutABirthDateIsPseudonymisedWithNothingToJitter() throws IdentityException {
        String mrn = unique("MRN");
        IdentityResponse response = service.identify("test", request(patient(mrn, null)));

        IdentityResponse.EntityResult entity = response.results().get(0);
        assertThat(entity.suid()).isNotEmpty();
        assertThat(entity.jitter()).isNotZero();
        assertThat(entity.jitteredTimestamp()).isNull();
        assertThat(service.identify("test", request(patient(mrn, "1961-07-27T00:00:00Z"))).results().get(0).suid())
                .as("the same patient, with a birth date this time").isEqualTo(entity.suid());
    }

    @Test
    void aRequestMissingAFieldOrWithAnInvalidOneIsRefusedForGood() {
        InvalidIdentityRequest missingId = catchThrowableOfType(InvalidIdentityRequest.class, () -> service.identify("test",
                request(patient(unique("MRN"), "1961-07-27T00:00:00Z", new IdentityRequest.Item(null, "DCM Accession #", "2010-01-01T00:00:00Z", null)))));
        InvalidIdentityRequest missingSource = catchThrowableOfType(InvalidIdentityRequest.class, () -> service.identify("test",
                request(new IdentityRequest.Entity(unique("MRN"), null, "1961-07-27T00:00:00Z", null, null))));
        InvalidIdentityRequest badTimestamp = catchThrowableOfType(InvalidIdentityRequest.class, () -> service.identify("test",
                request(patient(unique("MRN"), "1961-07-27"))));
        InvalidIdentityRequest blankId = catchThrowableOfType(InvalidIdentityRequest.class, () -> service.identify("test",
                request(patient(" ", "1961-07-27T00:00:00Z"))));

        assertThat(missingId).hasMessage("identifiers[0].items[0].id is missing");
        assertThat(missingSource).hasMessage("identifiers[0].id_source is missing");
        assertThat(List.of(missingId, missingSource)).allMatch(InvalidIdentityRequest::missing);
        assertThat(badTimestamp.getMessage()).startsWith("identifiers[0].id_timestamp is not an ISO-8601 date and time");
        assertThat(blankId).hasMessage("identifiers[0].id is empty");
        assertThat(List.of(badTimestamp, blankId)).noneMatch(InvalidIdentityRequest::missing);
        assertThat(List.of(missingId, missingSource, badTimestamp, blankId)).noneMatch(IdentityException::retryable);
    }
}
