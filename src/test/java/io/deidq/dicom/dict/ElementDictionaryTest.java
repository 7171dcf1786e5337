package io.deidq.dicom.dict;

import io.deidq.dicom.data.VR;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ElementDictionaryTest {

    @Test
    void looksUpTagsAndKeywordsBothWays() {
        DictionaryEntry name = ElementDictionary.lookup(0x00100010);
        assertThat(name.keyword()).isEqualTo("PatientName");
        assertThat(name.vr()).isEqualTo(VR.PN);
        assertThat(name.vm()).isEqualTo("1");
        assertThat(name.retired()).isFalse();
        assertThat(ElementDictionary.tagOf("PatientName")).isEqualTo(Tag.PatientName).isEqualTo(0x00100010);
        assertThat(ElementDictionary.tagOf("NoSuchKeyword")).isEqualTo(-1);
        assertThat(ElementDictionary.keywordOf(0x7FE00010)).isEqualTo("PixelData");
        assertThat(ElementDictionary.keywordOf(0x00090010 + 0x1000)).isEmpty();
    }

    @Test
    void knowsRetiredElementsByTheirKeywordWithoutDcmtksPrefix() {
        DictionaryEntry curve = ElementDictionary.lookup(0x50000005);
        assertThat(curve.keyword()).isEqualTo("CurveDimensions");
        assertThat(curve.retired()).isTrue();
        assertThat(ElementDictionary.tagOf("CurveDimensions")).isEqualTo(0x50000005);
    }

    @Test
    void repeatingGroupsMatchEveryEvenGroupOfTheirRange() {
        assertThat(ElementDictionary.keywordOf(0x60003000)).isEqualTo("OverlayData");
        assertThat(ElementDictionary.keywordOf(0x601E3000)).isEqualTo("OverlayData");
        assertThat(ElementDictionary.lookup(0x60013000)).as("odd groups are private").isNull();
        assertThat(ElementDictionary.keywordOf(0x50220005)).isEqualTo("CurveDimensions");
        assertThat(ElementDictionary.keywordOf(0x7F100010)).isEqualTo("VariablePixelData");
        assertThat(ElementDictionary.keywordOf(0x002031FE)).as("an element range").isEqualTo("SourceImageIDs");
    }

    @Test
    void groupLengthsAndPrivateCreatorsHaveTheirGenericEntries() {
        assertThat(ElementDictionary.keywordOf(0x00080000)).isEqualTo("GenericGroupLength");
        assertThat(ElementDictionary.keywordOf(0x00020000)).isEqualTo("FileMetaInformationGroupLength");
        assertThat(ElementDictionary.keywordOf(0x00110000)).isEqualTo("PrivateGroupLength");
        assertThat(ElementDictionary.keywordOf(0x00110010)).isEqualTo("PrivateCreator");
        assertThat(ElementDictionary.keywordOf(0x001100FF)).isEqualTo("PrivateCreator");
        assertThat(ElementDictionary.lookup(0x00110100)).isNull();
    }

    @Test
    void alternativeVRsAreKeptAndImplicitVRChoosesAsDcmtkDoes() {
        DictionaryEntry pixels = ElementDictionary.lookup(Tag.PixelData);
        assertThat(pixels.vrs()).isEqualTo("OB|OW");
        assertThat(pixels.ambiguousVR()).isTrue();
        assertThat(pixels.vr()).isEqualTo(VR.OW);
        assertThat(ElementDictionary.lookup(Tag.SmallestImagePixelValue).vrs()).isEqualTo("US|SS");
        assertThat(ElementDictionary.lookup(Tag.LUTData).vr()).isEqualTo(VR.OW);
        assertThat(ElementDictionary.lookup(0xFFFEE000).vr()).as("items have no VR").isNull();
    }

    @Test
    void coversTheNewerVRs() {
        assertThat(ElementDictionary.lookup(Tag.ExtendedOffsetTable).vr()).isEqualTo(VR.OV);
        assertThat(ElementDictionary.lookup(Tag.SelectorSVValue).vr()).isEqualTo(VR.SV);
        assertThat(ElementDictionary.lookup(Tag.SelectorUVValue).vr()).isEqualTo(VR.UV);
        assertThat(ElementDictionary.lookup(Tag.LongCodeValue).vr()).isEqualTo(VR.UC);
        assertThat(ElementDictionary.lookup(Tag.URNCodeValue).vr()).isEqualTo(VR.UR);
    }
}
