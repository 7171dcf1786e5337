package io.deidq.identifiers;

import io.deidq.identity.IdentityRequest;
import io.deidq.identity.IdentityRequest.CustomField;
import io.deidq.identity.IdentityRequest.Entity;
import io.deidq.identity.IdentityRequest.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator(IdentifiersProperties.defaults());

    @Test
    void sendItsRequestIsValidDcmAccessionNumberIncluded() {
        assertThatCode(() -> validator.validate(request(entity("14953772", "Stanford MRN", "1961-07-27T00:00:00Z",
                item("ACC-1_2", "DCM Accession #", "2010-02-04T00:00:00Z"), item("MCH", "Lab Result", "2010-02-04T11:50:00Z")))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234 567", "1234.567", "12/34", "DOE^JANE", "Müller", "12345\t"})
    void anEntityIdWithOtherCharactersFailsNamingTheEntityAndField(String id) {
        IdentityRequest request = request(entity("ok", "Stanford MRN", null, item("S1", "DCM Accession #", null)),
                entity(id, "Stanford MRN", null, item("S1", "DCM Accession #", null)));

        assertThatThrownBy(() -> validator.validate(request)).isInstanceOf(IdentifiersException.class)
                .hasMessageStartingWith("request entity 2 (Stanford MRN): id (")
                .hasMessageContaining("^[A-Za-z0-9_-]*$").hasMessageNotContaining(id);
    }

    @Test
    void anItemIdWithOtherCharactersFailsNamingTheItem() {
        IdentityRequest request = request(entity("P1", "Stanford MRN", null,
                item("S1", "DCM Accession #", null), item("S 2", "DCM Accession #", null)));

        assertThatThrownBy(() -> validator.validate(request)).isInstanceOf(IdentifiersException.class)
                .hasMessageStartingWith("request entity 1 (Stanford MRN), item 2 (DCM Accession #): id (3 characters)");
    }

    @Test
    void anEmptyIdFails() {
        assertThatThrownBy(() -> validator.validate(request(entity("", "Stanford MRN", null, item("S1", "DCM Accession #", null)))))
                .isInstanceOf(IdentifiersException.class).hasMessageContaining("id is missing or empty");
    }

    @Test
    void unknownSourcesFail() {
        IdentityRequest badEntity = request(entity("P1", "Hospital MRN", null, item("S1", "DCM Accession #", null)));
        IdentityRequest badItem = request(entity("P1", "Stanford MRN", null, item("S1", "Accession", null)));

        assertThatThrownBy(() -> validator.validate(badEntity)).isInstanceOf(IdentifiersException.class)
                .hasMessageStartingWith("request entity 1 (Hospital MRN): id_source is not one of [stanford, Stanford MRN, StanfordMRN]");
        assertThatThrownBy(() -> validator.validate(badItem)).isInstanceOf(IdentifiersException.class)
                .hasMessageStartingWith("request entity 1 (Stanford MRN), item 1 (Accession): id_source is not one of");
    }

    @Test
    void theKnownSourcesAreConfigurable() {
        RequestValidator hospital = new RequestValidator(Settings.with("entity-id-source", "Hospital MRN",
                "entity-sources", "Hospital MRN", "item-sources", "Accession", "item-id-source", "Accession"));

        assertThatCode(() -> hospital.validate(request(entity("P1", "Hospital MRN", null, item("S1", "Accession", null)))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Settings.with("entity-id-source", "Hospital MRN"))
                .hasRootCauseMessage("deidq.identifiers.entity-id-source 'Hospital MRN' is not one of deidq.identifiers.entity-sources"
                        + " [stanford, Stanford MRN, StanfordMRN]");
    }

    /** som's own pattern lets the first through; its docstrings' milliseconds and DASHER's offsets are answers, not requests. */
    @ParameterizedTest
    @ValueSource(strings = {"2010-02-0AB12:00:00Z", "2016-01-30T17:15:23.123Z", "2010-02-09T11:50:00-0800", "20100204", "2010-02-04"})
    void aTimestampOtherThanYyyyMmDdTHhMmSsZFails(String timestamp) {
        IdentityRequest request = request(entity("P1", "Stanford MRN", null, item("S1", "DCM Accession #", timestamp)));

        assertThatThrownBy(() -> validator.validate(request)).isInstanceOf(IdentifiersException.class)
                .hasMessage("request entity 1 (Stanford MRN), item 1 (DCM Accession #): id_timestamp is not of the form YYYY-MM-DDTHH:MM:SSZ");
    }

    @Test
    void twoEntitiesOrItemsWithOneIdFailAndSoDoesAnEntityWithoutItems() {
        IdentityRequest twoEntities = request(entity("P1", "Stanford MRN", null, item("S1", "DCM Accession #", null)),
                entity("P1", "Stanford MRN", null, item("S2", "DCM Accession #", null)));
        IdentityRequest twoItems = request(entity("P1", "Stanford MRN", null,
                item("S1", "DCM Accession #", null), item("S1", "DCM Accession #", null)));
        IdentityRequest noItems = request(entity("P1", "Stanford MRN", null));

        assertThatThrownBy(() -> validator.validate(twoEntities)).hasMessageStartingWith("request entity 2 (Stanford MRN): another entity");
        assertThatThrownBy(() -> validator.validate(twoItems)).hasMessageContaining("item 2 (DCM Accession #): another item");
        assertThatThrownBy(() -> validator.validate(noItems)).hasMessage("request entity 1 (Stanford MRN) has no item");
        assertThatThrownBy(() -> validator.validate(new IdentityRequest(List.of()))).hasMessage("the identity request has no entity");
    }

    @Test
    void aCustomFieldWithoutKeyFails() {
        Entity entity = new Entity("P1", "Stanford MRN", null, List.of(new CustomField(" ", "x")),
                List.of(item("S1", "DCM Accession #", null)));

        assertThatThrownBy(() -> validator.validate(request(entity))).hasMessage("request entity 1 (Stanford MRN): a custom field has no key or no value");
    }

    private static IdentityRequest request(Entity... entities) {
        return new IdentityRequest(List.of(entities));
    }

    private static Entity entity(String id, String source, String timestamp, Item... items) {
        return new Entity(id, source, timestamp, null, List.of(items));
    }

    private static Item item(String id, String source, String timestamp) {
        return new Item(id, source, timestamp, null);
    }
}
