package io.deidq.dicom.dict;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UidRegistryTest {

    @Test
    void knowsTransferSyntaxesIncludingThoseNewerThanDcmtk() {
        assertThat(UidRegistry.lookup("1.2.840.10008.1.2.1").type()).isEqualTo(UidRegistry.Type.TransferSyntax);
        assertThat(UidRegistry.lookup("1.2.840.10008.1.2.4.201").keyword()).isEqualTo("HTJ2KLosslessTransferSyntax");
        assertThat(UidRegistry.transferSyntaxes()).extracting(UidRegistry.Entry::uid)
                .contains("1.2.840.10008.1.2", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.50",
                        "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.107",
                        "1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.4.203", "1.2.840.10008.1.2.5");
    }

    @Test
    void tellsStorageSOPClassesFromOtherSOPClasses() {
        assertThat(UidRegistry.isStorageSOPClass(UID.CTImageStorage)).isTrue();
        assertThat(UidRegistry.isStorageSOPClass("1.2.840.10008.5.1.4.1.1.66.7")).as("Label Map Segmentation, 2024").isTrue();
        assertThat(UidRegistry.isStorageSOPClass(UID.VerificationSOPClass)).isFalse();
        assertThat(UidRegistry.isStorageSOPClass(UID.StorageCommitmentPushModelSOPClass)).isFalse();
        assertThat(UidRegistry.isStorageSOPClass(UID.MediaStorageDirectoryStorage)).as("DICOMDIR is for media only").isFalse();
        assertThat(UidRegistry.isStorageSOPClass(UID.FINDStudyRootQueryRetrieveInformationModel)).isFalse();
        assertThat(UidRegistry.storageSOPClasses()).hasSizeGreaterThan(190);
    }

    @Test
    void aRetiredUIDWhoseNameWasTakenOverIsSuffixedRetired() {
        assertThat(UidRegistry.lookup("1.2.840.10008.5.1.4.1.1.6").keyword()).isEqualTo("UltrasoundImageStorageRetired");
        assertThat(UidRegistry.lookup("1.2.840.10008.5.1.4.1.1.6").retired()).isTrue();
        assertThat(UidRegistry.lookup("1.2.840.10008.5.1.4.1.1.6.1").keyword()).isEqualTo("UltrasoundImageStorage");
    }
}
