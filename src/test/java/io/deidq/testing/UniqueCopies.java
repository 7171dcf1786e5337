package io.deidq.testing;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of corpus files, each with a SOP Instance UID of its own (corpus files made from one
 * template share theirs, and a peer keeps one instance per UID), in the file's transfer syntax.
 */
public final class UniqueCopies {

    /** A copy made: the corpus sample it came from, the file, and the new SOP Instance UID. */
    public record Copy(DcmtkCorpus.Sample sample, Path file, String sopInstanceUid) {
    }

    private UniqueCopies() {
    }

    public static List<Copy> of(List<DcmtkCorpus.Sample> samples, Path directory, String uidRoot) throws IOException {
        Files.createDirectories(directory);
        List<Copy> copies = new ArrayList<>();
        int n = 0;
        for (DcmtkCorpus.Sample sample : samples) {
            String uid = uidRoot + "." + (++n);
            Path target = directory.resolve(sample.name() + ".dcm");
            try (DicomFile source = DicomReader.readFile(sample.file())) {
                Dataset dataset = source.dataset();
                dataset.putString(Tag.SOPInstanceUID, VR.UI, uid);
                DicomWriter.writeFile(target, DicomFiles.metaFor(source, source.transferSyntax()), dataset, source.transferSyntax());
            }
            copies.add(new Copy(sample, target, uid));
        }
        return copies;
    }
}
