package io.deidq.dicom.text;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The layout of dcmdump's lines; DcmtkInteropTest holds whole dumps against dcmdump itself. */
class DicomDumpTest {

    @Test
    void padsValuesToFortyColumnsAndShortensLongOnesToSeventy() throws IOException {
        Dataset ds = new Dataset();
        ds.putString(Tag.PatientID, VR.LO, "12345678");
        ds.putString(Tag.ImageComments, VR.LT, "x".repeat(100));
        ds.put(Element.of(Tag.PixelData, VR.OW, new byte[200]));

        String[] lines = dump(ds, false).split("\n");

        assertThat(lines[0]).isEqualTo("(0010,0020) LO [12345678]                               #   8, 1 PatientID");
        assertThat(lines[1]).isEqualTo("(0020,4000) LT [" + "x".repeat(66) + "... # 100, 1 ImageComments");
        assertThat(lines[2]).isEqualTo("(7fe0,0010) OW " + "0000\\".repeat(12) + "0000... # 200, 1 PixelData");
        assertThat(dump(ds, true).split("\n")[1]).isEqualTo("(0020,4000) LT [" + "x".repeat(100) + "] # 100, 1 ImageComments");
    }

    @Test
    void showsSequencesItemsAndDelimitersIndented() throws IOException {
        Dataset ds = new Dataset();
        Sequence sequence = new Sequence(false);
        Dataset item = new Dataset();
        item.putString(Tag.CodeValue, VR.SH, "1");
        sequence.add(item);
        ds.put(Element.of(Tag.ConceptNameCodeSequence, VR.SQ, sequence));

        assertThat(dump(ds, false)).isEqualTo("""
                (0040,a043) SQ (Sequence with explicit length #=1)      #  18, 1 ConceptNameCodeSequence
                  (fffe,e000) na (Item with explicit length #=1)          #  10, 1 Item
                    (0008,0100) SH [1]                                      #   2, 1 CodeValue
                  (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem
                (fffe,e0dd) na (SequenceDelimitationItem for re-encod.) #   0, 0 SequenceDelimitationItem
                """);
    }

    private static String dump(Dataset ds, boolean all) throws IOException {
        StringBuilder out = new StringBuilder();
        new DicomDump(out, all).dataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0);
        return out.toString();
    }
}
