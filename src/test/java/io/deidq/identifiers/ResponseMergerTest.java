package io.deidq.identifiers;

import io.deidq.identity.IdentityResponse;
import io.deidq.identity.IdentityResponse.EntityResult;
import io.deidq.identity.IdentityResponse.ItemResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseMergerTest {

    private static final String MRN = "Stanford MRN";
    private static final String ACCESSION = "DCM Accession #";

    private final ResponseMerger merger = new ResponseMerger(Settings.with("entity-custom-fields", "false"));

    /** Patient A-1: images 1.1 and 1.2 of study S1, 1.3 of S2. Patient B-2: image 1.4 of S3, no birth date. */
    private final Identifiers ids = new TestIds()
            .image("A-1", "1.1", "AccessionNumber", "S1", "StudyDate", "20100204", "PatientBirthDate", "19610727", "Rows", 512L)
            .image("A-1", "1.2", "AccessionNumber", "S1", "StudyDate", "20100204", "PatientBirthDate", "19610727")
            .image("A-1", "1.3", "AccessionNumber", "S2", "StudyDate", "20110301", "PatientBirthDate", "19610727")
            .image("B-2", "1.4", "AccessionNumber", "S3", "StudyDate", "20120505")
            .build();

    @Test
    void everyImageGetsItsOwnStudysAnswerWhateverTheOrderOfTheAnswer() throws Exception {
        IdentityResponse response = new IdentityResponse(List.of(
                entityB(List.of(item("S3", "sB3", -3, "2012-05-02T00:00:00Z"))),
                entityA(List.of(item("S2", "sA2", 5, "2011-03-06T00:00:00-0800"), item("S1", "sA1", 5, "2010-02-09T00:00:00-0800")))));

        Identifiers updated = merger.update(ids, response);

        assertThat(updated.fields("A-1", "1.1")).containsAllEntriesOf(Map.of(
                "entity_id", "sA", "entity_id_source", MRN, "entity_timestamp", "1961-08-01T00:00:00-0700",
                "item_id", "sA1", "item_id_source", ACCESSION, "item_timestamp", "2010-02-09T00:00:00-0800", "jitter", 5))
                .containsEntry("Rows", 512L).containsEntry("AccessionNumber", "S1");
        assertThat(updated.fields("A-1", "1.2")).containsEntry("item_id", "sA1");
        assertThat(updated.fields("A-1", "1.3")).containsEntry("item_id", "sA2").containsEntry("item_timestamp", "2011-03-06T00:00:00-0800");
        assertThat(updated.fields("B-2", "1.4")).containsEntry("entity_id", "sB").containsEntry("item_id", "sB3")
                .containsEntry("jitter", -3).doesNotContainKey("entity_timestamp");
        assertThat(ids.fields("A-1", "1.1")).as("ids given are not changed").doesNotContainKey("item_id");
    }

    @Test
    void aRequestEntityWithoutResultFailsNamingIt() {
        IdentityResponse response = new IdentityResponse(List.of(entityA(bothStudiesOfA())));

        assertThatThrownBy(() -> merger.update(ids, response)).isInstanceOf(IdentifiersException.class)
                .hasMessage("the identity service's answer has no result for request entity 2 (Stanford MRN)");
    }

    @Test
    void aRequestItemWithoutResultFailsNamingIt() {
        IdentityResponse response = new IdentityResponse(List.of(
                entityA(List.of(item("S1", "sA1", 5, "2010-02-09T00:00:00Z"))), entityB(List.of(studyOfB()))));

        assertThatThrownBy(() -> merger.update(ids, response)).isInstanceOf(IdentifiersException.class)
                .hasMessage("the identity service's answer has no result for request entity 1 (Stanford MRN), item 2 (DCM Accession #)");
    }

    @Test
    void aResultForAnEntityOrItemNotAskedForFails() {
        EntityResult stranger = new EntityResult("C3", MRN, "sC", 2, null, List.of(item("S9", "sC9", 2, null)));
        IdentityResponse extraEntity = new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(List.of(studyOfB())), stranger));
        List<ItemResult> withExtraItem = List.of(studyOfB(), item("S9", "sB9", -3, "2012-05-02T00:00:00Z"));
        IdentityResponse extraItem = new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(withExtraItem)));

        assertThatThrownBy(() -> merger.update(ids, extraEntity)).isInstanceOf(IdentifiersException.class)
                .hasMessage("the identity service's answer has 1 result(s) for entities not asked for (Stanford MRN)");
        assertThatThrownBy(() -> merger.update(ids, extraItem)).isInstanceOf(IdentifiersException.class)
                .hasMessage("the identity service's answer for request entity 2 (Stanford MRN) has 1 item result(s) for items not asked for");
    }

    @Test
    void anEntityMatchesByIdSourceAsWellAsId() {
        EntityResult otherSource = new EntityResult("B2", "StanfordMRN", "sB", -3, null, List.of(studyOfB()));

        assertThatThrownBy(() -> merger.update(ids, new IdentityResponse(List.of(entityA(bothStudiesOfA()), otherSource))))
                .isInstanceOf(IdentifiersException.class).hasMessageContaining("no result for request entity 2");
    }

    @Test
    void anAnswerGivenTwiceFails() {
        IdentityResponse twice = new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(List.of(studyOfB())), entityB(List.of(studyOfB()))));
        IdentityResponse itemTwice = new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(List.of(studyOfB(), studyOfB()))));

        assertThatThrownBy(() -> merger.update(ids, twice)).hasMessage("the identity service answered twice for one entity (Stanford MRN)");
        assertThatThrownBy(() -> merger.update(ids, itemTwice)).hasMessageContaining("has two results for one item");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc", "a b", "", "sü"})
    void aSuidThatIsNotAPlainIdentifierFails(String suid) {
        List<ItemResult> items = List.of(item("S3", suid, -3, "2012-05-02T00:00:00Z"));

        assertThatThrownBy(() -> merger.update(ids, new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(items)))))
                .isInstanceOf(IdentifiersException.class).hasMessageContaining("request entity 2 (Stanford MRN), item 1 (DCM Accession #)")
                .hasMessageContaining("suid");
    }

    @Test
    void aMissingJitterOrJitteredTimestampFails() {
        List<ItemResult> noJitter = List.of(new ItemResult("S3", ACCESSION, "sB3", null, "2012-05-02T00:00:00Z"));
        List<ItemResult> noTimestamp = List.of(new ItemResult("S3", ACCESSION, "sB3", -3, null));

        assertThatThrownBy(() -> merger.update(ids, new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(noJitter)))))
                .hasMessageEndingWith("item 1 (DCM Accession #) has no jitter");
        assertThatThrownBy(() -> merger.update(ids, new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(noTimestamp)))))
                .hasMessageEndingWith("item 1 (DCM Accession #) has no jittered_timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2012-05-02T00:00:00Z", "2012-05-02T00:00:00-0800", "2012-05-02T00:00:00+05:30", "2012-05-02T00:00:00.123Z"})
    void jitteredTimestampsWithZOrAnOffsetAreKeptAsWritten(String timestamp) throws Exception {
        List<ItemResult> items = List.of(item("S3", "sB3", -3, timestamp));

        Identifiers updated = merger.update(ids, new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(items))));

        assertThat(updated.fields("B-2", "1.4")).containsEntry("item_timestamp", timestamp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2012-13-02T00:00:00Z", "2012-05-02", "20120502", "2012-05-02T00:00:00", "2012-05-02T25:00:00Z"})
    void anUnreadableJitteredTimestampFails(String timestamp) {
        List<ItemResult> items = List.of(item("S3", "sB3", -3, timestamp));

        assertThatThrownBy(() -> merger.update(ids, new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(items)))))
                .isInstanceOf(IdentifiersException.class).hasMessageContaining("jittered_timestamp that is not ISO-8601");
    }

    @Test
    void anItemAnsweredForAnotherSourceFails() {
        List<ItemResult> items = List.of(new ItemResult("S3", "Lab Result", "sB3", -3, "2012-05-02T00:00:00Z"));

        assertThatThrownBy(() -> merger.update(ids, new IdentityResponse(List.of(entityA(bothStudiesOfA()), entityB(items)))))
                .hasMessageContaining("has id_source Lab Result, not the one asked for");
    }

    private static EntityResult entityA(List<ItemResult> items) {
        return new EntityResult("A1", MRN, "sA", 5, "1961-08-01T00:00:00-0700", items);
    }

    private static EntityResult entityB(List<ItemResult> items) {
        return new EntityResult("B2", MRN, "sB", -3, null, items);
    }

    private static List<ItemResult> bothStudiesOfA() {
        return List.of(item("S1", "sA1", 5, "2010-02-09T00:00:00Z"), item("S2", "sA2", 5, "2011-03-06T00:00:00Z"));
    }

    private static ItemResult studyOfB() {
        return item("S3", "sB3", -3, "2012-05-02T00:00:00Z");
    }

    private static ItemResult item(String id, String suid, Integer jitter, String timestamp) {
        return new ItemResult(id, ACCESSION, suid, jitter, timestamp);
    }
}
