package io.deidq.dicom.data;

import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetTest {

    @Test
    void aCopyCanBeChangedAtEveryDepthWithoutChangingTheOriginal() {
        Dataset item = new Dataset();
        item.putString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
        Sequence references = new Sequence(true);
        references.add(item);
        Dataset ds = new Dataset();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.putString(Tag.PatientName, VR.PN, "Doe^John");
        ds.put(Element.of(Tag.ReferencedImageSequence, VR.SQ, references));

        Dataset copy = ds.copy();
        copy.remove(Tag.PatientName);
        Dataset copiedItem = copy.get(Tag.ReferencedImageSequence).sequence().get(0);
        copiedItem.putString(Tag.ReferencedSOPInstanceUID, VR.UI, "2.25.1");

        assertThat(ds.getString(Tag.PatientName)).isEqualTo("Doe^John");
        assertThat(ds.get(Tag.ReferencedImageSequence).sequence().get(0).getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(copiedItem.getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("2.25.1");
        assertThat(copiedItem.parent()).isSameAs(copy);
        assertThat(copy.get(Tag.ReferencedImageSequence).sequence().undefinedLength()).isTrue();
        assertThat(copiedItem.specificCharacterSet()).isEqualTo(ds.specificCharacterSet());
    }

    @Test
    void keepsElementsInAscendingTagOrderComparingTagsUnsigned() {
        Dataset ds = new Dataset();
        ds.putString(Tag.PatientName, VR.PN, "B");
        ds.put(Element.of(0xFFFCFFFC, VR.OB, new byte[2]));
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.put(Element.of(Tag.PixelData, VR.OW, new byte[2]));
        ds.putString(Tag.Modality, VR.CS, "CT");

        assertThat(ds.elements()).extracting(Element::tag)
                .containsExactly(Tag.SpecificCharacterSet, Tag.Modality, Tag.PatientName, Tag.PixelData, 0xFFFCFFFC);
    }

    @Test
    void putReplacesAndReturnsWhatWasThereAndRemoveTakesItOut() {
        Dataset ds = new Dataset();
        ds.putString(Tag.PatientID, VR.LO, "A");
        Element previous = ds.put(Element.of(Tag.PatientID, VR.LO, "BB".getBytes()));
        assertThat(previous.bytes()).containsExactly('A', ' ');
        assertThat(ds.getString(Tag.PatientID)).isEqualTo("BB");
        assertThat(ds.remove(Tag.PatientID)).isNotNull();
        assertThat(ds.remove(Tag.PatientID)).isNull();
        assertThat(ds.isEmpty()).isTrue();
    }

    @Test
    void stringsComeWithoutPaddingAndInsignificantSpaces() {
        Dataset ds = new Dataset();
        ds.put(Element.of(Tag.ImageType, VR.CS, " ORIGINAL \\PRIMARY ".getBytes()));
        ds.put(Element.of(Tag.SOPInstanceUID, VR.UI, "1.2.3\0".getBytes()));
        ds.put(Element.of(Tag.ImageComments, VR.LT, "  indented  ".getBytes()));
        ds.put(Element.of(Tag.StudyDescription, VR.LO, "".getBytes()));

        assertThat(ds.getStrings(Tag.ImageType)).containsExactly("ORIGINAL", "PRIMARY");
        assertThat(ds.getString(Tag.SOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(ds.getString(Tag.ImageComments)).isEqualTo("  indented");
        assertThat(ds.getString(Tag.StudyDescription)).isNull();
        assertThat(ds.getString(Tag.PatientID)).isNull();
        assertThat(ds.getStrings(Tag.PatientID)).isEmpty();
    }

    @Test
    void itemsInheritTheCharacterSetOfTheDataSetAroundThemUnlessTheyHaveTheirOwn() {
        Dataset top = new Dataset();
        top.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        Sequence sequence = new Sequence(true);
        Dataset inheriting = new Dataset();
        Dataset own = new Dataset();
        own.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        sequence.add(inheriting);
        sequence.add(own);
        top.put(Element.of(Tag.OtherPatientIDsSequence, VR.SQ, sequence));
        inheriting.put(Element.of(Tag.PatientName, VR.PN, new byte[] {'J', (byte) 0xE9}));
        own.put(Element.of(Tag.PatientName, VR.PN, new byte[] {'J', (byte) 0xC3, (byte) 0xA9, ' '}));

        assertThat(inheriting.parent()).isSameAs(top);
        assertThat(inheriting.getString(Tag.PatientName)).isEqualTo("Jé");
        assertThat(own.getString(Tag.PatientName)).isEqualTo("Jé");
        top.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        assertThat(top.specificCharacterSet().terms()).containsExactly("ISO_IR 192");
        assertThat(inheriting.specificCharacterSet().terms()).as("a change around an item reaches it").containsExactly("ISO_IR 192");
        assertThat(own.specificCharacterSet().terms()).containsExactly("ISO_IR 192");
        own.remove(Tag.SpecificCharacterSet);
        top.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 144");
        assertThat(own.specificCharacterSet().terms()).containsExactly("ISO_IR 144");
    }

    @Test
    void numbersOfBinaryAndTextElements() {
        Dataset ds = new Dataset();
        ds.putLong(Tag.Rows, VR.US, 65535);
        ds.putLong(Tag.SmallestImagePixelValue, VR.SS, -5);
        ds.putString(Tag.InstanceNumber, VR.IS, "+42");
        ds.putString(Tag.PixelSpacing, VR.DS, "0.5\\.25");

        assertThat(ds.getInt(Tag.Rows, 0)).isEqualTo(65535);
        assertThat(ds.getInt(Tag.SmallestImagePixelValue, 0)).isEqualTo(-5);
        assertThat(ds.getInt(Tag.InstanceNumber, 0)).isEqualTo(42);
        assertThat(ds.getInt(Tag.Columns, 7)).isEqualTo(7);
        assertThat(Values.doubles(ds.get(Tag.PixelSpacing))).containsExactly(0.5, 0.25);
        assertThat(ds.getStrings(Tag.Rows)).containsExactly("65535");
    }
}
