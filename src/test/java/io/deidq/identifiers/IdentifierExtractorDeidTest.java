package io.deidq.identifiers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.ElementDictionary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extraction held against what pydicom/deid's get_identifiers really returns for the same files.
 *
 * <p>The inputs are the dcmtk dumps in src/test/resources/io/deidq/identifiers/deid/ (a1, a2, a3:
 * patient MRN-1001, two images of study ACC1001 and one of ACC1002; b1: patient PAT2002), made
 * into files by dump2dcm ({@code +te}; b1 {@code +ti}). They hold sequences nested three levels,
 * private elements at the top and inside sequences, a private sequence, multi-valued, empty and
 * numeric elements, UTF-8 text and Pixel Data.
 *
 * <p>The fixtures beside them were recorded on Debian 12 with /usr/bin/python3 3.11.2 and
 * python3-pydicom 2.3.1 (and python3-dateutil, python3-requests, python3-matplotlib), from a
 * checkout of github.com/pydicom/deid, by our script record-deid.py there (deid's code is not
 * in this repository):
 * <pre>
 * git -C deid archive 819652af8556e1894f446ba0b5921d192cdcd61b | tar -x -C /tmp/deid-819652af8556e1894f446ba0b5921d192cdcd61b
 * git -C deid archive 1c19b7bc8d69baee55556e33ec2b9f954afbde8f | tar -x -C /tmp/deid-1c19b7bc8d69baee55556e33ec2b9f954afbde8f
 * cd src/test/resources/io/deidq/identifiers/deid
 * /usr/bin/python3 record-deid.py /tmp/deid-819652af8556e1894f446ba0b5921d192cdcd61b 819652af8556e1894f446ba0b5921d192cdcd61b entity-item \
 *     &gt; deid-819652af8556e1894f446ba0b5921d192cdcd61b.json
 * /usr/bin/python3 record-deid.py /tmp/deid-1c19b7bc8d69baee55556e33ec2b9f954afbde8f 1c19b7bc8d69baee55556e33ec2b9f954afbde8f by-file \
 *     &gt; deid-1c19b7bc8d69baee55556e33ec2b9f954afbde8f.json
 * </pre>
 * <ul>
 * <li>deid 819652a (2017-08-06, version 0.0.8) is the last get_identifiers(dicom_files, entity_id,
 *     item_id, expand_sequences), the one sendit's documentation describes; called with
 *     entity_id="PatientID", item_id="SOPInstanceUID" (its own config then said AccessionNumber
 *     for the item). No version with that signature runs on pydicom 2.3 as it is: all import
 *     pydicom.tagtools, which pydicom 1.0 renamed pydicom.tag, so record-deid.py aliases the old
 *     name to the new module; nothing else is changed. Its sequence expansion skips every element
 *     pydicom has not converted yet, which in items read from a file is all of them: it returns
 *     no nested field at all.</li>
 * <li>deid 1c19b7b (2019-06-24, 0.1.34) is the first whose expansion reads items' elements; it
 *     keys ids by file, so it is regrouped here by its own PatientID and SOPInstanceUID. It gives
 *     the nested names and values.</li>
 * </ul>
 * Every value is recorded as its Python type and {@code str()}. deidq's deliberate differences
 * (IdentifierExtractor's class comment) are the only exceptions allowed here: blank nested values
 * and sequences themselves (an empty one as "[]", a printout of pydicom's without expansion).
 */
class IdentifierExtractorDeidTest {

    private static final String ENTITY_ITEM = "deid-819652af8556e1894f446ba0b5921d192cdcd61b.json";
    private static final String BY_FILE = "deid-1c19b7bc8d69baee55556e33ec2b9f954afbde8f.json";
    private static final Map<String, String> DUMPS = Map.of("a1", "+te", "a2", "+te", "a3", "+te", "b1", "+ti");

    @TempDir
    static Path directory;

    private static List<Path> files;
    private static JsonNode entityItem;
    private static JsonNode byFile;

    @BeforeAll
    static void buildFiles() throws IOException {
        files = new ArrayList<>();
        for (String name : List.of("a1", "a2", "a3", "b1")) {
            files.add(DumpFiles.build(DumpFiles.resource(name + ".dump"), DUMPS.get(name), directory.resolve(name + ".dcm")));
        }
        ObjectMapper json = new ObjectMapper();
        entityItem = json.readTree(DumpFiles.resource(ENTITY_ITEM).toFile());
        byFile = json.readTree(DumpFiles.resource(BY_FILE).toFile());
    }

    @Test
    void theFixturesWereRecordedFromTheseDumps() throws IOException {
        for (JsonNode fixture : List.of(entityItem, byFile)) {
            for (String name : DUMPS.keySet()) {
                JsonNode input = fixture.path("inputs").path(name + ".dump");
                assertThat(input.path("sha256").asText()).as("%s of %s", name, fixture.path("deid_commit").asText())
                        .isEqualTo(sha256(DumpFiles.resource(name + ".dump")));
                assertThat(input.path("dump2dcm").asText()).isEqualTo(DUMPS.get(name));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void entitiesAndItemsAreKeyedAsDeidKeysThem(boolean expand) throws IdentifiersException {
        Identifiers ids = extract(expand);
        JsonNode deid = entityItem.path("results").path("expand_sequences=" + pythonBool(expand));

        assertThat(ids.entities().keySet()).containsExactlyInAnyOrderElementsOf(names(deid));
        for (String entity : ids.entities().keySet()) {
            assertThat(ids.items(entity).keySet()).as(entity).containsExactlyInAnyOrderElementsOf(names(deid.path(entity)));
        }
        assertThat(ids.entities().keySet()).containsExactly("MRN-1001", "PAT2002");
        assertThat(ids.items("MRN-1001")).hasSize(3);
    }

    /** deid 819652a: entity/item form, top-level fields as str(). Its expansion finds nothing nested (see above). */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void topLevelFieldsAreDeids(boolean expand) throws IdentifiersException {
        Identifiers ids = extract(expand);
        JsonNode deid = entityItem.path("results").path("expand_sequences=" + pythonBool(expand));
        for (var entity : ids.entities().entrySet()) {
            for (var item : entity.getValue().entrySet()) {
                JsonNode deidFields = deid.path(entity.getKey()).path(item.getKey());
                assertThat(names(deidFields)).as("deid 819652a expands no sequence").noneMatch(n -> n.contains("__"));
                Map<String, Object> topLevel = new LinkedHashMap<>(item.getValue());
                topLevel.keySet().removeIf(n -> n.contains("__"));
                assertSameFields(topLevel, deidFields, item.getKey());
            }
        }
    }

    /** deid 1c19b7b: nested fields named Parent__Child__..., the last item's value kept. */
    @Test
    void expandedFieldsAreThoseOfTheDeidThatReadsItems() throws IdentifiersException {
        Identifiers ids = extract(true);
        JsonNode deid = byFile.path("results").path("expand_sequences=True");
        for (String file : names(deid)) {
            JsonNode deidFields = deid.path(file);
            String entity = deidFields.path("PatientID").path("str").asText();
            String item = deidFields.path("SOPInstanceUID").path("str").asText();
            assertSameFields(ids.fields(entity, item), deidFields, file);
        }
        Map<String, Object> a1 = ids.fields("MRN-1001", "1.2.826.0.1.3680043.9.7433.3.1.1");
        assertThat(a1).containsEntry("RequestAttributesSequence__RequestedProcedureCodeSequence__EquivalentCodeSequence__CodeValue", "24725-4")
                .containsEntry("ReferencedImageSequence__ReferencedSOPInstanceUID", "1.2.826.0.1.3680043.9.7433.3.9.2")
                .containsEntry("ReferencedImageSequence__ReferencedFrameNumber", List.of(1L, 2L))
                .doesNotContainKey("RequestAttributesSequence__RequestedProcedureCodeSequence__CodeMeaning");
        assertThat(ids.fields("PAT2002", "1.2.826.0.1.3680043.9.7433.3.1.4"))
                .containsEntry("OperatorIdentificationSequence__InstitutionCodeSequence__CodeMeaning", "Clínica")
                .containsEntry("OperatorIdentificationSequence__InstitutionName", "Clínica Señora");
    }

    @Test
    void withoutExpansionNoSequenceIsAField() throws IdentifiersException {
        Identifiers ids = extract(false);
        JsonNode deid = entityItem.path("results").path("expand_sequences=False");
        Map<String, Object> a1 = ids.fields("MRN-1001", "1.2.826.0.1.3680043.9.7433.3.1.1");

        assertThat(a1.keySet()).noneMatch(n -> n.contains("__") || n.endsWith("Sequence"));
        assertThat(deid.path("MRN-1001").path("1.2.826.0.1.3680043.9.7433.3.1.1").path("RequestAttributesSequence").path("str").asText())
                .as("deid prints the sequence, private elements and all").contains("NESTED-SECRET");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pixelDataPrivateElementsAndBlanksAreLeftOut(boolean expand) throws IdentifiersException {
        Identifiers ids = extract(expand);
        for (Map<String, Map<String, Object>> items : ids.entities().values()) {
            for (Map<String, Object> fields : items.values()) {
                assertThat(fields).doesNotContainKeys("PixelData", "ReferringPhysicianName", "StudyID", "WindowCenter",
                        "ReferencedStudySequence");
                assertThat(fields.values()).noneMatch(v -> v.toString().contains("SECRET") || v.toString().contains("PRIVATE")
                        || v.toString().contains("ACME") || v.toString().contains("OTHER VENDOR") || v.toString().isEmpty());
                assertThat(fields.values()).doesNotContain(new BigDecimal("42.5"));
            }
        }
    }

    @Test
    void valuesKeepTheirTypes() throws IdentifiersException {
        Map<String, Object> a1 = extract(true).fields("MRN-1001", "1.2.826.0.1.3680043.9.7433.3.1.1");

        assertThat(a1).containsEntry("Rows", 4L)
                .containsEntry("InstanceNumber", 1L)
                .containsEntry("TagAngleSecondAxis", -45L)
                .containsEntry("B1rms", 0.5)
                .containsEntry("SingleCollimationWidth", 0.625)
                .containsEntry("SliceThickness", new BigDecimal("2.5"))
                .containsEntry("PixelSpacing", List.of(new BigDecimal("0.5"), new BigDecimal("0.5")))
                .containsEntry("ImagePositionPatient", List.of(new BigDecimal("-125"), new BigDecimal("-125.5"), new BigDecimal("30")))
                .containsEntry("ImageType", List.of("ORIGINAL", "PRIMARY", "AXIAL"))
                .containsEntry("OtherPatientIDs", List.of("OTHER-1", "OTHER-2"))
                .containsEntry("FrameIncrementPointer", "00181063")
                .containsEntry("PatientName", "DOE^JANE")
                .containsEntry("StudyDate", "20100204");
    }

    private static Identifiers extract(boolean expand) throws IdentifiersException {
        return new IdentifierExtractor(Settings.with("expand-sequences", Boolean.toString(expand))).extract(files).ids();
    }

    /**
     * Same names as deid's, but for the deliberate differences, and each value, written as Python's
     * str() would write its pydicom counterpart, equal to deid's.
     */
    private static void assertSameFields(Map<String, Object> ours, JsonNode deid, String where) {
        Set<String> expected = new LinkedHashSet<>();
        for (String name : names(deid)) {
            boolean blank = deid.path(name).path("str").asText().isEmpty();
            if (!blank && vrOf(name) != VR.SQ) {
                expected.add(name);
            }
        }
        assertThat(ours.keySet()).as(where).containsExactlyInAnyOrderElementsOf(expected);
        for (String name : expected) {
            assertThat(pythonStr(ours.get(name), vrOf(name))).as("%s of %s", name, where)
                    .isEqualTo(deid.path(name).path("str").asText());
        }
    }

    private static String pythonStr(Object value, VR vr) {
        if (value instanceof List<?> list) {
            // MultiValue.__str__: repr() of str values (UID, text), str() of the others (PersonName, numbers).
            return list.stream().map(v -> v instanceof String s && vr != VR.PN && vr != VR.AT ? "'" + s + "'" : pythonStr(v, vr))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (vr == VR.AT) {
            String tag = (String) value;
            return "(" + tag.substring(0, 4) + ", " + tag.substring(4) + ")";
        }
        return value.toString();
    }

    private static VR vrOf(String name) {
        String keyword = name.substring(name.lastIndexOf("__") < 0 ? 0 : name.lastIndexOf("__") + 2);
        return ElementDictionary.lookup(ElementDictionary.tagOf(keyword)).vr();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("fixture object").isNotEmpty();
        return names;
    }

    private static String pythonBool(boolean b) {
        return b ? "True" : "False";
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
