package io.deidq.dicom.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.dicom.data.BulkData;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Fragments;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** PS3.18 Annex F, element by element. */
class DicomJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesEachKindOfValueAsAnnexFSays() throws IOException {
        Dataset ds = new Dataset();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.putString(Tag.ImageType, VR.CS, "ORIGINAL", "", "AXIAL");
        ds.putString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "", "Doe^J");
        ds.putString(Tag.PatientWeight, VR.DS, "+72.5");
        ds.putString(Tag.InstanceNumber, VR.IS, "7");
        ds.putString(Tag.ImagePositionPatient, VR.DS, "1e3", ".5", "-0");
        ds.putLong(Tag.Rows, VR.US, 512);
        ds.putLong(Tag.SelectorATValue, VR.AT, Tag.PatientName);
        ds.putLong(Tag.SelectorUVValue, VR.UV, -1);
        ds.put(Element.of(Tag.StudyDescription, VR.LO, new byte[0]));
        ds.put(Element.of(0x00291010, VR.OB, new byte[] {1, 2, 3}));
        Sequence sequence = new Sequence(true);
        Dataset item = new Dataset();
        item.putString(Tag.CodeValue, VR.SH, "121071");
        sequence.add(item);
        sequence.add(new Dataset());
        ds.put(Element.of(Tag.ConceptNameCodeSequence, VR.SQ, sequence));

        JsonNode json = json(ds, false);

        assertThat(json.get("00080008").toString()).isEqualTo("{\"vr\":\"CS\",\"Value\":[\"ORIGINAL\",null,\"AXIAL\"]}");
        assertThat(json.get("00100010").get("Value").toString()).isEqualTo(
                "[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"},null,{\"Alphabetic\":\"Doe^J\"}]");
        assertThat(json.get("00101030").get("Value").get(0).isNumber()).isTrue();
        assertThat(json.get("00101030").get("Value").get(0).asDouble()).isEqualTo(72.5);
        assertThat(json.get("00200013").get("Value").toString()).isEqualTo("[7]");
        JsonNode position = json.get("00200032").get("Value");
        assertThat(position).allMatch(JsonNode::isNumber);
        assertThat(position).extracting(JsonNode::asDouble).containsExactly(1000.0, 0.5, 0.0);
        assertThat(json.get("00280010").toString()).isEqualTo("{\"vr\":\"US\",\"Value\":[512]}");
        assertThat(json.get("00720060").get("Value").toString()).isEqualTo("[\"00100010\"]");
        assertThat(json.get("00720083").get("Value").toString()).as("beyond 2^53: a string").isEqualTo("[\"18446744073709551615\"]");
        assertThat(json.get("00081030").toString()).isEqualTo("{\"vr\":\"LO\"}");
        assertThat(json.get("00291010").toString()).isEqualTo("{\"vr\":\"OB\",\"InlineBinary\":\"AQID\"}");
        assertThat(json.get("00080100") == null).isTrue();
        assertThat(json.get("00401410") == null).isTrue();
        JsonNode items = json.get("0040A043").get("Value");
        assertThat(items.get(0).get("00080100").get("Value").get(0).asText()).isEqualTo("121071");
        assertThat(items.get(1).isEmpty()).isTrue();
    }

    @Test
    void bulkDataIsAUriNamingTheFileAndTheRange() throws IOException {
        Path file = Path.of("/data/spool/image 1.dcm");
        Dataset ds = new Dataset();
        ds.put(Element.of(Tag.PixelData, VR.OW, new BulkData(file, 1234, 524288, false)));
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]);
        fragments.encoded(new BulkData(file, 2000, 16, false));
        ds.put(Element.of(0x00091010, VR.OB, fragments));

        JsonNode json = json(ds, false);

        assertThat(json.get("7FE00010").get("BulkDataURI").asText()).isEqualTo("file:///data/spool/image%201.dcm#offset=1234&length=524288");
        assertThat(json.get("00091010").get("BulkDataURI").asText()).isEqualTo("file:///data/spool/image%201.dcm#offset=2000&length=16");
    }

    private static JsonNode json(Dataset ds, boolean inline) throws IOException {
        StringBuilder out = new StringBuilder();
        new DicomJson(out, inline).write(ds);
        return MAPPER.readTree(out.toString());
    }
}
