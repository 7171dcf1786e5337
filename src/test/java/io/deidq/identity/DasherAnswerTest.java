package io.deidq.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static io.deidq.identity.DasherFixture.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed and incomplete answers fail with a reason and are retryable (the stage can run again),
 * without being retried at once; timestamps are taken with "Z" or an offset (seed 000).
 */
class DasherAnswerTest extends DasherTest {

    /** The one entity of the request, PATIENT with items ACC1 and ACC2, answered as a test wants. */
    private static final String ENTITY = "\"id\": \"" + PATIENT + "\", \"id_source\": \"Stanford MRN\"";
    private static final String ITEM1 = "{\"id\": \"ACC1\", \"id_source\": \"DCM Accession #\", \"suid\": \"I1\", \"jitter\": -3,"
            + " \"jittered_timestamp\": \"2010-02-06T11:50:00-0800\"}";
    private static final String ITEM2 = "{\"id\": \"ACC2\", \"suid\": \"I2\", \"jitter\": -3, \"jittered_timestamp\": \"2010-02-06T11:50:00Z\"}";
    private static final String ENTITY_FIELDS = "\"suid\": \"S1\", \"jitter\": -3, \"jittered_timestamp\": \"1961-07-24T00:00:00-0700\"";

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("<html><body>Are you on VPN? " + PATIENT + "</body></html>", "is not JSON (at line 1, column 1)"),
                arguments("{\"results\": [{" + ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1, "is not JSON"),
                arguments("", "is empty"),
                arguments("[]", "is not a JSON object"),
                arguments("{}", "has no \"results\""),
                arguments("{\"result\": []}", "has no \"results\""),
                arguments("{\"results\": {}}", "has \"results\" that is not a list"),
                arguments("{\"results\": []}", "lacks entity #1 of the call (id_source 'Stanford MRN')"),
                arguments(answer("\"id\": \"OTHER\", \"id_source\": \"Stanford MRN\", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1 + "," + ITEM2 + "]"),
                        "has results[0], an entity the call did not ask for"),
                arguments(answer("\"id\": \"" + PATIENT + "\", \"id_source\": \"StanfordMRN\", " + ENTITY_FIELDS + ", \"items\": []"),
                        "has results[0], an entity the call did not ask for (id_source 'StanfordMRN')"),
                arguments(answer("\"id\": \"" + PATIENT + "\", " + ENTITY_FIELDS + ", \"items\": []"), "has no id_source (a string) in results[0]"),
                arguments(answer(ENTITY + ", \"jitter\": -3, \"jittered_timestamp\": \"1961-07-24T00:00:00Z\", \"items\": [" + ITEM1 + "," + ITEM2 + "]"),
                        "has no suid (a string) in the answer to entity #1 of the call"),
                arguments(answer(ENTITY + ", \"suid\": \"S1\", \"jittered_timestamp\": \"1961-07-24T00:00:00Z\", \"items\": [" + ITEM1 + "," + ITEM2 + "]"),
                        "has no jitter in the answer to entity #1"),
                arguments(answer(ENTITY + ", \"suid\": \"S1\", \"jitter\": -3, \"items\": [" + ITEM1 + "," + ITEM2 + "]"),
                        "has no jittered_timestamp (a string) in the answer to entity #1"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1 + "]"),
                        "lacks 1 of the 2 items of entity #1 of the call (the first: item #2)"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS), "lacks all 2 items of entity #1 of the call"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1 + "," + ITEM2 + ","
                        + ITEM2.replace("ACC2", "ACC3") + "]"), "has items[2] of the answer to entity #1 of the call, an item the call did not ask for"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1 + "," + ITEM2 + "," + ITEM2 + "]"),
                        "answers item #2 of entity #1 of the call twice"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1.replace("DCM Accession #", "Lab Result") + "," + ITEM2 + "]"),
                        "has items[0] of the answer to entity #1 of the call with id_source 'Lab Result' where the call asked for 'DCM Accession #'"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1.replace("\"suid\": \"I1\", ", "") + "," + ITEM2 + "]"),
                        "has no suid (a string) in the answer to item #1 of entity #1 of the call"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1.replace("\"jitter\": -3,", "") + "," + ITEM2 + "]"),
                        "has no jitter in the answer to item #1 of entity #1"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1 + "," + ITEM2.replace(", \"jittered_timestamp\": \"2010-02-06T11:50:00Z\"", "") + "]"),
                        "has no jittered_timestamp (a string) in the answer to item #2 of entity #1"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1.replace("-3", "\"-3\"") + "," + ITEM2 + "]"),
                        "has a jitter that is not a whole number of days in the answer to item #1"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1.replace("-3", "-2.5") + "," + ITEM2 + "]"),
                        "has a jitter that is not a whole number of days"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS.replace("\"S1\"", "\"../S1\"") + ", \"items\": [" + ITEM1 + "," + ITEM2 + "]"),
                        "has a suid that is not letters, digits, '_' and '-' in the answer to entity #1"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1 + "," + ITEM2 + "]," + "\"x\": 1}, {" + ENTITY
                        + ", " + ENTITY_FIELDS + ", \"items\": []"), "answers entity #1 of the call twice (results[1])"),
                arguments(answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": {}"), "has \"items\" that is not a list in the answer to entity #1"));
    }

    @ParameterizedTest
    @MethodSource
    void malformed(String answer, String reason) throws Exception {
        dasher.server.respond((n, request) -> DasherFakeServer.Reply.json(200, answer));

        IdentityException failure = catchThrowableOfType(
                () -> dasher.service().identify("test", DasherFixture.request(DasherFixture.patient(PATIENT, 2))), IdentityException.class);

        assertThat(failure.retryable()).as("the stage can be run again").isTrue();
        assertThat(failure).hasMessageContaining("DASHER's answer " + reason);
        assertThat(failure.getMessage()).as("no patient id in the message").doesNotContain(PATIENT);
        assertThat(dasher.server.uidRequests()).as("not retried at once").isEqualTo(1);
        DasherLogCapture.assertNoTokenIn(failure);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2010-02-09", "2010-02-09T11:50:00", "2010-02-09 11:50:00Z", "20100209T115000Z", "2010-02-30T11:50:00Z",
            "2010-02-09T11:50:00-08", "2010-02-09T25:50:00Z", "2010-02-09T11:50:00-0800 ", ""})
    void aJitteredTimestampThatIsNotIso8601WithAZoneIsMalformed(String timestamp) throws Exception {
        dasher.server.respond((n, request) -> DasherFakeServer.Reply.json(200,
                answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1 + "," + ITEM2.replace("2010-02-06T11:50:00Z", timestamp) + "]")));

        IdentityException failure = catchThrowableOfType(
                () -> dasher.service().identify("test", DasherFixture.request(DasherFixture.patient(PATIENT, 2))), IdentityException.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("has a jittered_timestamp that is not ISO-8601 with \"Z\" or an offset in the answer to item #2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2010-02-06T11:50:00-0800", "2010-02-06T11:50:00-08:00", "2010-02-06T11:50:00Z", "2010-02-06T11:50:00+0530",
            "2010-02-06T11:50:00.123Z", "2010-02-06T11:50:00.5-0800"})
    void timestampsWithZOrAnOffsetAreTakenAsTheyCome(String timestamp) throws Exception {
        dasher.server.respond((n, request) -> DasherFakeServer.Reply.json(200,
                answer(ENTITY + ", " + ENTITY_FIELDS + ", \"items\": [" + ITEM1 + "," + ITEM2.replace("2010-02-06T11:50:00Z", timestamp) + "]")));

        IdentityResponse response = dasher.service().identify("test", DasherFixture.request(DasherFixture.patient(PATIENT, 2)));

        assertThat(response.results()).singleElement().satisfies(entity -> {
            assertThat(entity.suid()).isEqualTo("S1");
            assertThat(entity.jitter()).isEqualTo(-3);
            assertThat(entity.jitteredTimestamp()).isEqualTo("1961-07-24T00:00:00-0700");
            assertThat(entity.items()).extracting(IdentityResponse.ItemResult::id, IdentityResponse.ItemResult::idSource,
                            IdentityResponse.ItemResult::suid, IdentityResponse.ItemResult::jitteredTimestamp)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ACC1", "DCM Accession #", "I1", "2010-02-06T11:50:00-0800"),
                            org.assertj.core.groups.Tuple.tuple("ACC2", "DCM Accession #", "I2", timestamp));
        });
    }

    @Test
    void withoutATimestampToJitterTheAnswerMayHaveNoJitteredTimestamp() throws Exception {
        dasher.server.respond((n, request) -> DasherFakeServer.Reply.json(200, answer(ENTITY + ", \"suid\": \"S1\", \"jitter\": -3, \"items\": ["
                + "{\"id\": \"ACC1\", \"id_source\": \"DCM Accession #\", \"suid\": \"I1\", \"jitter\": -3}]")));
        IdentityRequest undated = DasherFixture.request(new IdentityRequest.Entity(PATIENT, "Stanford MRN", null, null,
                List.of(new IdentityRequest.Item("ACC1", "DCM Accession #", null, null))));

        IdentityResponse response = dasher.service().identify("test", undated);

        IdentityResponse.EntityResult entity = response.results().get(0);
        assertThat(entity.suid()).isEqualTo("S1");
        assertThat(entity.jitteredTimestamp()).isNull();
        assertThat(entity.items()).singleElement().satisfies(item -> assertThat(item.jitteredTimestamp()).isNull());
    }

    @Test
    void theRequestGoesToTheStudyAsJsonWithTheBearerToken() throws Exception {
        dasher.service().identify("MyStudy", DasherFixture.request(DasherFixture.patient(PATIENT, 2)));

        assertThat(dasher.server.received()).singleElement().satisfies(received -> {
            assertThat(received.path()).as("lowercased, as som-tools does").isEqualTo("/api/v1/uid/mystudy");
            assertThat(received.authorization()).isEqualTo("Bearer tok-access-1");
            assertThat(received.contentType()).isEqualTo("application/json");
            assertThat(received.body().toString()).isEqualTo("{\"identifiers\":[{\"id\":\"" + PATIENT + "\",\"id_source\":\"Stanford MRN\","
                    + "\"id_timestamp\":\"1961-07-27T00:00:00Z\",\"items\":["
                    + "{\"id\":\"ACC1\",\"id_source\":\"DCM Accession #\",\"id_timestamp\":\"2010-02-09T11:50:00Z\"},"
                    + "{\"id\":\"ACC2\",\"id_source\":\"DCM Accession #\",\"id_timestamp\":\"2010-02-09T11:50:00Z\"}]}]}");
        });
    }

    @Test
    void withoutAStudyTheConfiguredOneIsCalled() throws Exception {
        dasher.settings.study = "deidq";
        dasher.service().identify(null, DasherFixture.oneStudy());

        assertThat(dasher.server.received()).singleElement().extracting(DasherFakeServer.Received::path).isEqualTo("/api/v1/uid/deidq");
    }

    @Test
    void aStudyNameThatIsNotAPathSegmentIsRefused() throws Exception {
        IdentityException failure = catchThrowableOfType(() -> dasher.service().identify("../admin", DasherFixture.oneStudy()),
                IdentityException.class);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("the study name must be letters, digits");
        assertThat(dasher.server.uidRequests()).isZero();
    }

    private static String answer(String entity) {
        return "{\"results\": [{" + entity + "}]}";
    }
}
