package io.deidq.identifiers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.identity.IdentityRequest;
import io.deidq.identity.IdentityRequest.CustomField;
import io.deidq.identity.IdentityRequest.Entity;
import io.deidq.identity.IdentityRequest.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityRequestBuilderTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    @TempDir
    Path directory;

    private final IdentityRequestBuilder builder = new IdentityRequestBuilder(IdentifiersProperties.defaults());

    /** The dumps of IdentifierExtractorDeidTest: two patients, three studies, four images. */
    @Test
    void theRequestForTheDeidFixtureFilesFieldByField() throws Exception {
        List<Path> files = List.of(
                DumpFiles.build(DumpFiles.resource("a1.dump"), "+te", directory.resolve("a1.dcm")),
                DumpFiles.build(DumpFiles.resource("a2.dump"), "+te", directory.resolve("a2.dcm")),
                DumpFiles.build(DumpFiles.resource("a3.dump"), "+te", directory.resolve("a3.dcm")),
                DumpFiles.build(DumpFiles.resource("b1.dump"), "+ti", directory.resolve("b1.dcm")));
        Identifiers ids = new IdentifierExtractor(IdentifiersProperties.defaults()).extract(files).ids();

        IdentityRequest request = builder.prepare(ids);

        assertThat(request.identifiers()).hasSize(2);
        Entity doe = request.identifiers().get(0);
        assertThat(doe.id()).isEqualTo("MRN1001");
        assertThat(doe.idSource()).isEqualTo("Stanford MRN");
        assertThat(doe.idTimestamp()).isEqualTo("1961-07-27T00:00:00Z");
        assertThat(doe.items()).containsExactly(
                new Item("ACC1001", "DCM Accession #", "2010-02-04T00:00:00Z", null),
                new Item("ACC1002", "DCM Accession #", "2011-03-01T00:00:00Z", null));
        assertThat(doe.customFields()).containsExactly(
                new CustomField("AccessionNumber", "ACC1001"),
                new CustomField("OtherPatientIDs", "OTHER-1\\OTHER-2"),
                new CustomField("PatientBirthDate", "19610727"),
                new CustomField("PatientID", "MRN-1001"),
                new CustomField("PatientName", "DOE^JANE"),
                new CustomField("SOPClassUID", CT),
                new CustomField("SOPInstanceUID", "1.2.826.0.1.3680043.9.7433.3.1.1"),
                new CustomField("SeriesInstanceUID", "1.2.826.0.1.3680043.9.7433.3.2.1"),
                new CustomField("StudyInstanceUID", "1.2.826.0.1.3680043.9.7433.3.3.1"));
        Entity mueller = request.identifiers().get(1);
        assertThat(mueller.id()).isEqualTo("PAT2002");
        assertThat(mueller.idTimestamp()).as("no PatientBirthDate").isNull();
        assertThat(mueller.items()).containsExactly(new Item("ACC2001", "DCM Accession #", "2012-05-05T00:00:00Z", null));
        assertThat(mueller.customFields()).contains(new CustomField("PatientName", "Müller^Jürgen"));
    }

    @Test
    void severalPatientsAndStudiesInTheOrderOfIds() throws Exception {
        Identifiers ids = new TestIds()
                .image("B-2", "1.1", "AccessionNumber", "S3", "StudyDate", "20200101")
                .image("A-1", "1.2", "AccessionNumber", "S1", "StudyDate", "20190101")
                .image("A-1", "1.3", "AccessionNumber", "S2", "StudyDate", "20190202")
                .image("A-1", "1.4", "AccessionNumber", "S1", "StudyDate", "20190101")
                .image("B-2", "1.5", "AccessionNumber", "S3", "StudyDate", "20200101")
                .build();

        IdentityRequest request = builder.prepare(ids);

        assertThat(request.identifiers()).extracting(Entity::id).containsExactly("B2", "A1");
        assertThat(request.identifiers().get(0).items()).extracting(Item::id).containsExactly("S3");
        assertThat(request.identifiers().get(1).items()).extracting(Item::id).containsExactly("S1", "S2");
    }

    @Test
    void patientIdsThatDifferOnlyByDashesAreOnePatient() throws Exception {
        Identifiers ids = new TestIds()
                .image("12-34", "1.1", "AccessionNumber", "S1")
                .image("1234", "1.2", "AccessionNumber", "S2")
                .build();
        IdentityRequestBuilder keepingDashes = new IdentityRequestBuilder(Settings.with("entity-id-remove-dashes", "false"));

        assertThat(builder.prepare(ids).identifiers()).singleElement().satisfies(e -> assertThat(e.items()).hasSize(2));
        assertThat(keepingDashes.prepare(ids).identifiers()).extracting(Entity::id).containsExactly("12-34", "1234");
    }

    @Test
    void theItemTimestampIsTheFirstOfItsFieldsTheFirstImageHasAndADateIsMidnight() throws Exception {
        Identifiers ids = new TestIds()
                .image("P", "1.1", "AccessionNumber", "S1", "SeriesDate", "20100301", "AcquisitionDate", "20100302")
                .image("P", "1.2", "AccessionNumber", "S1", "StudyDate", "20100201")
                .image("P", "1.3", "AccessionNumber", "S2", "AcquisitionDate", "2011.04.05", "StudyTime", "235959")
                .image("P", "1.4", "AccessionNumber", "S3")
                .build();

        List<Item> items = builder.prepare(ids).identifiers().get(0).items();

        assertThat(items).extracting(Item::idTimestamp).containsExactly("2010-03-01T00:00:00Z", "2011-04-05T00:00:00Z", null);
    }

    @Test
    void aDateTimeFieldKeepsItsTimeToTheSecond() throws Exception {
        Identifiers ids = new TestIds()
                .image("P", "1.1", "AccessionNumber", "S1", "AcquisitionDateTime", "20100204115003.123456+0100")
                .build();
        IdentityRequestBuilder byDateTime = new IdentityRequestBuilder(Settings.with("item-timestamp-fields", "AcquisitionDateTime"));

        assertThat(byDateTime.prepare(ids).identifiers().get(0).items().get(0).idTimestamp()).isEqualTo("2010-02-04T11:50:03Z");
    }

    @Test
    void anUnreadableDateFailsNamingThePositionAndField() {
        Identifiers ids = new TestIds()
                .image("P", "1.1", "AccessionNumber", "S1", "PatientBirthDate", "20101340")
                .build();

        assertThatThrownBy(() -> builder.prepare(ids)).isInstanceOf(IdentifiersException.class)
                .hasMessageContaining("ids entity 1, item 1").hasMessageContaining("PatientBirthDate")
                .hasMessageNotContaining("20101340");
    }

    @Test
    void anImageWithoutAccessionNumberOrWithSeveralPatientIdsFails() {
        Identifiers noAccession = new TestIds().image("P", "1.1").build();
        Identifiers twoIds = new TestIds().keyed("P", "1.1", "PatientID", List.of("P", "Q"), "AccessionNumber", "S1").build();

        assertThatThrownBy(() -> builder.prepare(noAccession)).isInstanceOf(IdentifiersException.class)
                .hasMessageContaining("ids entity 1, item 1 has no AccessionNumber");
        assertThatThrownBy(() -> builder.prepare(twoIds)).isInstanceOf(IdentifiersException.class)
                .hasMessageContaining("several values of PatientID");
    }

    @Test
    void entityCustomFieldsAreTheFirstValueOfEachFieldOncePerEntity() throws Exception {
        Identifiers ids = new TestIds()
                .image("P", "1.1", "AccessionNumber", "S1", "PatientName", "DOE^JANE")
                .image("P", "1.2", "AccessionNumber", "S2", "PatientName", "DOE^J", "OtherPatientIDs", List.of("X", "Y"))
                .build();
        IdentityRequestBuilder someFields = new IdentityRequestBuilder(Settings.with("entity-custom-field-names", "PatientName,OtherPatientIDs"));
        IdentityRequestBuilder none = new IdentityRequestBuilder(Settings.with("entity-custom-fields", "false"));

        assertThat(someFields.prepare(ids).identifiers().get(0).customFields()).containsExactly(
                new CustomField("PatientName", "DOE^JANE"), new CustomField("OtherPatientIDs", "X\\Y"));
        assertThat(none.prepare(ids).identifiers().get(0).customFields()).isNull();
    }

    @Test
    void itemCustomFieldsAreEveryDistinctValueOfTheStudysImagesWhenSwitchedOn() throws Exception {
        Identifiers ids = new TestIds()
                .image("P", "1.1", "AccessionNumber", "S1", "SeriesInstanceUID", "2.1", "SliceThickness", new BigDecimal("2.50"))
                .image("P", "1.2", "AccessionNumber", "S1", "SeriesInstanceUID", "2.2", "SliceThickness", 2.5)
                .image("P", "1.3", "AccessionNumber", "S1", "SeriesInstanceUID", "2.1")
                .build();
        IdentityRequestBuilder withItems = new IdentityRequestBuilder(Settings.with("item-custom-fields", "true",
                "item-custom-field-names", "SeriesInstanceUID,SliceThickness", "entity-custom-fields", "false"));

        Item study = withItems.prepare(ids).identifiers().get(0).items().get(0);

        assertThat(builder.prepare(ids).identifiers().get(0).items().get(0).customFields()).as("off by default").isNull();
        assertThat(study.customFields()).containsExactly(
                new CustomField("SeriesInstanceUID", "2.1"), new CustomField("SeriesInstanceUID", "2.2"),
                new CustomField("SliceThickness", "2.5"));
    }

    @Test
    void anIdThePatternRefusesFailsTheRequestUnchanged() {
        Identifiers ids = new TestIds().image("DOE^JANE", "1.1", "AccessionNumber", "S1").build();

        assertThatThrownBy(() -> builder.prepare(ids)).isInstanceOf(IdentifiersException.class)
                .hasMessageContaining("request entity 1 (Stanford MRN): id").hasMessageNotContaining("DOE");
    }

    @Test
    void theRequestIsWrittenAsDasherTakesIt() throws Exception {
        Identifiers ids = new TestIds()
                .image("1234-5", "1.1", "AccessionNumber", "S1", "StudyDate", "20100204", "PatientBirthDate", "19610727")
                .build();
        IdentityRequestBuilder plain = new IdentityRequestBuilder(Settings.with("entity-custom-fields", "false"));

        String json = new ObjectMapper().writeValueAsString(plain.prepare(ids));

        assertThat(json).isEqualTo("""
                {"identifiers":[{"id":"12345","id_source":"Stanford MRN","id_timestamp":"1961-07-27T00:00:00Z",\
                "items":[{"id":"S1","id_source":"DCM Accession #","id_timestamp":"2010-02-04T00:00:00Z"}]}]}""");
    }
}
