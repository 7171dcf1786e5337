package io.deidq.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static io.deidq.identity.DasherFixture.patient;
import static io.deidq.identity.DasherFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Requests are split so that no entity has more than 1,000 items in a call, and the answers put back together by id. */
class DasherChunkingTest extends DasherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEntityWith2500ItemsTakesThreeCallsWhoseShuffledAnswersAreReassembled() throws Exception {
        Random random = new Random(5);
        dasher.server.respond((n, request) -> shuffled(DasherFakeServer.answer(request), random));

        IdentityResponse response = dasher.service().identify("test", request(patient("P1", 2500)));

        List<DasherFakeServer.Received> calls = dasher.server.received();
        assertThat(calls).hasSize(3);
        List<String> sent = new ArrayList<>();
        for (DasherFakeServer.Received call : calls) {
            assertThat(call.body().get("identifiers")).singleElement().satisfies(entity -> {
                assertThat(entity.get("id").asText()).isEqualTo("P1");
                assertThat(entity.get("items").size()).isLessThanOrEqualTo(1000);
                entity.get("items").forEach(item -> sent.add(item.get("id").asText()));
            });
        }
        List<String> asked = IntStream.rangeClosed(1, 2500).mapToObj(i -> "ACC" + i).toList();
        assertThat(sent).as("every item sent once").containsExactlyInAnyOrderElementsOf(asked);

        assertThat(response.results()).singleElement().satisfies(entity -> {
            assertThat(entity.suid()).isEqualTo("SP1");
            assertThat(entity.items()).extracting(IdentityResponse.ItemResult::id).containsExactlyElementsOf(asked);
            assertThat(entity.items()).allSatisfy(item -> assertThat(item.suid()).isEqualTo("I" + item.id()));
        });
    }

    @Test
    void entitiesShareCallsUpToTheItemsACallTakesAndNoCallHasAnEntityTwice() throws Exception {
        dasher.settings.maxItemsPerEntity = 10;
        dasher.settings.maxItemsPerCall = 12;

        IdentityResponse response = dasher.service().identify("test",
                request(patient("P1", 4), patient("P2", 4), patient("P3", 0), patient("P4", 25), patient("P5", 2)));

        assertThat(dasher.server.received().stream().map(call -> shape(call.body())))
                .containsExactly("P1:4 P2:4 P3:0", "P4:10", "P4:10", "P4:5 P5:2");
        assertThat(response.results()).extracting(IdentityResponse.EntityResult::id).containsExactly("P1", "P2", "P3", "P4", "P5");
        assertThat(response.results()).extracting(entity -> entity.items().size()).containsExactly(4, 4, 0, 25, 2);
    }

    @Test
    void answersAreMatchedByIdSourceAndIdNotByPosition() throws Exception {
        IdentityRequest.Entity mrn = patient("12345", 2);
        IdentityRequest.Entity other = new IdentityRequest.Entity("12345", "StanfordMRN", "1970-01-01T00:00:00Z", null,
                List.of(new IdentityRequest.Item("ACC1", "GE PACS", "2011-01-01T00:00:00Z", null)));
        dasher.server.respond((n, request) -> {
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode results = answer.putArray("results");
            results.addObject().put("id", "12345").put("id_source", "StanfordMRN").put("suid", "OTHER").put("jitter", 7)
                    .put("jittered_timestamp", "1970-01-08T00:00:00Z")
                    .putArray("items").addObject().put("id", "ACC1").put("suid", "OTHER-ACC1").put("jitter", 7)
                    .put("jittered_timestamp", "2011-01-08T00:00:00Z");
            ObjectNode first = results.addObject().put("id", "12345").put("id_source", "Stanford MRN").put("suid", "MRN").put("jitter", -2)
                    .put("jittered_timestamp", "1961-07-25T00:00:00Z");
            first.putArray("items")
                    .add(JSON.createObjectNode().put("id", "ACC2").put("suid", "MRN-ACC2").put("jitter", -2).put("jittered_timestamp", "2010-02-07T11:50:00Z"))
                    .add(JSON.createObjectNode().put("id", "ACC1").put("suid", "MRN-ACC1").put("jitter", -2).put("jittered_timestamp", "2010-02-07T11:50:00Z"));
            return new DasherFakeServer.Reply(200, JSON.writeValueAsBytes(answer));
        });

        IdentityResponse response = dasher.service().identify("test", request(mrn, other));

        assertThat(response.results()).extracting(IdentityResponse.EntityResult::idSource, IdentityResponse.EntityResult::suid,
                IdentityResponse.EntityResult::jitter).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Stanford MRN", "MRN", -2),
                org.assertj.core.groups.Tuple.tuple("StanfordMRN", "OTHER", 7));
        assertThat(response.results().get(0).items()).extracting(IdentityResponse.ItemResult::suid).containsExactly("MRN-ACC1", "MRN-ACC2");
        assertThat(response.results().get(1).items()).extracting(IdentityResponse.ItemResult::suid).containsExactly("OTHER-ACC1");
    }

    @Test
    void callsThatDisagreeOnAnEntityFailTheRequest() throws Exception {
        dasher.settings.maxItemsPerEntity = 2;
        dasher.server.respond((n, request) -> {
            JsonNode answer = JSON.readTree(DasherFakeServer.answer(request).body());
            ((ObjectNode) answer.get("results").get(0)).put("jitter", n);
            return new DasherFakeServer.Reply(200, JSON.writeValueAsBytes(answer));
        });

        IdentityException failure = catchThrowableOfType(() -> dasher.service().identify("test", request(patient("P1", 3))),
                IdentityException.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("disagree on the suid, jitter or jittered timestamp of entity #1 of the request (call 2 of 2)");
    }

    @Test
    void aFailedCallFailsTheWholeRequest() throws Exception {
        dasher.settings.maxItemsPerEntity = 10;
        dasher.settings.maxAttempts = 1;
        dasher.server.respond((n, request) -> n == 2 ? DasherFakeServer.Reply.json(200, "{\"results\": []}") : DasherFakeServer.answer(request));

        IdentityException failure = catchThrowableOfType(() -> dasher.service().identify("test", request(patient("P1", 25))),
                IdentityException.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("failed at call 2 of 3").hasMessageContaining("lacks entity #1 of the call");
        assertThat(dasher.server.uidRequests()).as("no call after the failed one").isEqualTo(2);
    }

    @Test
    void theSameEntityTwiceInARequestIsRefusedBeforeAnyCall() throws Exception {
        IdentityException failure = catchThrowableOfType(() -> dasher.service().identify("test", request(patient("P1", 1), patient("P1", 2))),
                IdentityException.class);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("entities #1 and #2 of the request are the same entity");
        assertThat(failure.getMessage()).doesNotContain("P1");
        assertThat(dasher.server.uidRequests()).isZero();
    }

    @Test
    void theSameItemTwiceUnderAnEntityIsRefusedBeforeAnyCall() throws Exception {
        IdentityRequest.Item item = new IdentityRequest.Item("ACC1", "DCM Accession #", "2010-02-09T11:50:00Z", null);
        IdentityRequest twice = request(new IdentityRequest.Entity("P1", "Stanford MRN", "1961-07-27T00:00:00Z", null, List.of(item, item)));

        IdentityException failure = catchThrowableOfType(() -> dasher.service().identify("test", twice), IdentityException.class);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("entity #1 of the request has item #2 twice");
        assertThat(dasher.server.uidRequests()).isZero();
    }

    @Test
    void anEmptyRequestCallsNothing() throws Exception {
        assertThat(dasher.service().identify("test", new IdentityRequest(List.of())).results()).isEmpty();
        assertThat(dasher.server.uidRequests()).isZero();
    }

    /** "P1:4 P2:4": the entities of a call and how many items each carries. */
    private static String shape(JsonNode call) {
        List<String> entities = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode entity : call.get("identifiers")) {
            assertThat(seen.add(entity.get("id").asText())).as("an entity once per call").isTrue();
            entities.add(entity.get("id").asText() + ":" + entity.get("items").size());
        }
        return String.join(" ", entities);
    }

    private static DasherFakeServer.Reply shuffled(DasherFakeServer.Reply answer, Random random) throws Exception {
        JsonNode root = JSON.readTree(answer.body());
        for (JsonNode entity : root.get("results")) {
            List<JsonNode> items = new ArrayList<>();
            entity.get("items").forEach(items::add);
            Collections.shuffle(items, random);
            ArrayNode reordered = ((ObjectNode) entity).putArray("items");
            items.forEach(reordered::add);
        }
        return new DasherFakeServer.Reply(200, JSON.writeValueAsBytes(root));
    }
}
