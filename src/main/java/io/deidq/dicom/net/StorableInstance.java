package io.deidq.dicom.net;

import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomParseException;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.ReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A DICOM file as a C-STORE sends it: its SOP Class and Instance, the transfer syntax its data set
 * is encoded in, and where in the file that data set begins (it is sent from there as it is).
 */
public record StorableInstance(Path file, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                               long datasetOffset, long datasetLength) {

    /**
     * Reads the file through to its end (its bulk values only skipped over), so that a truncated or
     * malformed file is refused here rather than cut off a peer mid-association; refuses a file that
     * names no SOP instance.
     */
    public static StorableInstance of(Path file) throws IOException {
        try (DicomFile dicom = DicomReader.readFile(file, ReadOptions.DEFAULT)) {
            String sopClass = identifier(dicom, Tag.SOPClassUID, Tag.MediaStorageSOPClassUID, "SOP Class UID");
            String sopInstance = identifier(dicom, Tag.SOPInstanceUID, Tag.MediaStorageSOPInstanceUID, "SOP Instance UID");
            return new StorableInstance(file, sopClass, sopInstance, dicom.transferSyntax().uid(), dicom.datasetOffset(),
                    Files.size(file) - dicom.datasetOffset());
        }
    }

    /** From the data set, as the standard has it, else from File Meta Information. */
    private static String identifier(DicomFile dicom, int tag, int metaTag, String name) throws DicomParseException {
        String value = dicom.dataset().getString(tag);
        if (value == null || value.isEmpty()) {
            value = dicom.fileMeta().getString(metaTag);
        }
        if (value == null || value.isEmpty()) {
            throw new DicomParseException(dicom.source().toString(), 0, "it has no " + name + " to send it by");
        }
        return value;
    }
}
