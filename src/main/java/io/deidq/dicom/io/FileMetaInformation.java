package io.deidq.dicom.io;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;

/**
 * Builds File Meta Information (PS3.10 7.1) afresh for a data set: nothing of the source's meta
 * is carried over, so no identifier or AE title of the source leaks into a written file.
 */
public final class FileMetaInformation {

    private static final byte[] VERSION = {0x00, 0x01};

    private FileMetaInformation() {
    }

    /**
     * @param sourceAETitle the AE title that wrote the file (0002,0016), or null to leave it out
     */
    public static Dataset create(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String sourceAETitle) {
        Dataset meta = new Dataset();
        meta.put(Element.of(Tag.FileMetaInformationGroupLength, VR.UL, new byte[4]));
        meta.put(Element.of(Tag.FileMetaInformationVersion, VR.OB, VERSION));
        meta.putString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid);
        meta.putString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid);
        meta.putString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
        meta.putString(Tag.ImplementationClassUID, VR.UI, Implementation.CLASS_UID);
        meta.putString(Tag.ImplementationVersionName, VR.SH, Implementation.VERSION_NAME);
        if (sourceAETitle != null) {
            meta.putString(Tag.SourceApplicationEntityTitle, VR.AE, sourceAETitle);
        }
        return meta;
    }

    /** Meta for {@code dataset} in {@code transferSyntaxUid}, naming its SOP Class and Instance. */
    public static Dataset of(Dataset dataset, String transferSyntaxUid) {
        return create(require(dataset, Tag.SOPClassUID, "SOP Class UID (0008,0016)"),
                require(dataset, Tag.SOPInstanceUID, "SOP Instance UID (0008,0018)"), transferSyntaxUid, null);
    }

    private static String require(Dataset dataset, int tag, String name) {
        String value = dataset.getString(tag);
        if (value == null) {
            throw new IllegalArgumentException("the data set has no " + name + ", which File Meta Information needs");
        }
        return value;
    }
}
