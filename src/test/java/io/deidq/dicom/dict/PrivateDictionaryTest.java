package io.deidq.dicom.dict;

import io.deidq.dicom.data.VR;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateDictionaryTest {

    @Test
    void findsAnElementInWhicheverBlockItsCreatorReserved() {
        DictionaryEntry inBlock10 = PrivateDictionary.lookup("GEMS_ACQU_01", 0x00191002);
        DictionaryEntry inBlock20 = PrivateDictionary.lookup("GEMS_ACQU_01", 0x00192002);
        assertThat(inBlock10.keyword()).isEqualTo("NumberOfCellsInDetector");
        assertThat(inBlock10.vr()).isEqualTo(VR.SL);
        assertThat(inBlock20).isEqualTo(inBlock10);
        assertThat(PrivateDictionary.lookup("SOMEONE ELSE", 0x00191002)).isNull();
    }

    @Test
    void namesAreFreeOfTheBlanksSomeVendorsPutInThem() {
        assertThat(PrivateDictionary.lookup("GEMS_ACQU_01", 0x00191014).keyword()).isEqualTo("EndNumberForBaseline");
    }

    @Test
    void fourDigitElementsMatchOnlyThatElement() {
        assertThat(PrivateDictionary.lookup("CMR42 CIRCLECVI", 0x00251010).keyword()).isEqualTo("WorkspaceID");
        assertThat(PrivateDictionary.lookup("CMR42 CIRCLECVI", 0x00252010)).isNull();
    }
}
