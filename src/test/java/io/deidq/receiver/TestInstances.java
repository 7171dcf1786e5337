package io.deidq.receiver;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;
import io.deidq.dicom.io.ReadOptions;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.DcmtkCorpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Instances to send: copies of the dcmtk corpus, each with a SOP Instance UID, Study Instance UID
 * and Accession Number of its own (the corpus files share theirs), so that every file sent is a
 * new instance whose record can be told apart from every other.
 */
final class TestInstances {

    /** A file to send and what its Image row must say. */
    record Instance(Path file, String sopInstanceUid, String sopClassUid, String transferSyntaxUid, String studyInstanceUid,
                    String accessionNumber) {

        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    /** HTJ2K and JPEG XL: dcmtk 3.6.7 does not know them, so storescu cannot send them. */
    static final Set<String> UNKNOWN_TO_DCMTK = Set.of("1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.203", "1.2.840.10008.1.2.4.110");

    private static final AtomicInteger accessions = new AtomicInteger();

    private TestInstances() {
    }

    /**
     * Every corpus sample storescu can send, each made unique by dcmodify. dcmodify writes the data
     * set as storescu sends it (explicit lengths, dcmtk's deflate), so what arrives must be these bytes.
     */
    static List<Instance> forStorescu(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Instance> instances = new ArrayList<>();
        for (DcmtkCorpus.Sample sample : DcmtkCorpus.get().samples()) {
            if (UNKNOWN_TO_DCMTK.contains(read(sample.file()).transferSyntaxUid())) {
                continue;
            }
            Path copy = dir.resolve(sample.name() + ".dcm");
            Files.copy(sample.file(), copy);
            Dcmtk.run(dir, "dcmodify", "-nb", "-i", "(0008,0018)=" + uid(), "-i", "(0020,000d)=" + uid(),
                    "-i", "(0008,0050)=" + accession(), copy.toString()).assertClean();
            instances.add(read(copy));
        }
        return instances;
    }

    /**
     * The corpus samples in a transfer syntax dcmtk does not know, and those with undefined lengths
     * (which storescu would send with explicit lengths), made unique by deidq's own writer, which
     * keeps the encoding.
     */
    static List<Instance> forDicomClient(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Instance> instances = new ArrayList<>();
        for (DcmtkCorpus.Sample sample : DcmtkCorpus.get().samples()) {
            boolean unknown = UNKNOWN_TO_DCMTK.contains(read(sample.file()).transferSyntaxUid());
            if (unknown || sample.name().contains("undefined-lengths")) {
                instances.add(rewrite(sample.file(), dir.resolve(sample.name() + ".dcm"), uid()));
            }
        }
        return instances;
    }

    /** A copy of {@code source} as a new instance of a new study; {@code sopInstanceUid} may be given to make a twin. */
    static Instance rewrite(Path source, Path target, String sopInstanceUid) throws IOException {
        try (DicomFile file = DicomReader.readFile(source)) {
            Dataset dataset = file.dataset();
            dataset.putString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
            dataset.putString(Tag.StudyInstanceUID, VR.UI, uid());
            dataset.putString(Tag.AccessionNumber, VR.SH, accession());
            DicomWriter.writeFile(target, dataset, file.transferSyntax());
        }
        return read(target);
    }

    /** A Secondary Capture of {@code pixelBytes} bytes of native pixel data, in explicit VR little endian. */
    static Instance large(Path target, int pixelBytes) throws IOException {
        Files.createDirectories(target.getParent());
        Dataset dataset = new Dataset();
        dataset.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.putString(Tag.SOPInstanceUID, VR.UI, uid());
        dataset.putString(Tag.AccessionNumber, VR.SH, accession());
        dataset.putString(Tag.PatientName, VR.PN, "Large^Test");
        dataset.putString(Tag.StudyInstanceUID, VR.UI, uid());
        dataset.putLong(Tag.SamplesPerPixel, VR.US, 1);
        dataset.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        dataset.putLong(Tag.Rows, VR.US, pixelBytes / 1024);
        dataset.putLong(Tag.Columns, VR.US, 512);
        dataset.putLong(Tag.BitsAllocated, VR.US, 16);
        dataset.putLong(Tag.BitsStored, VR.US, 16);
        dataset.putLong(Tag.HighBit, VR.US, 15);
        dataset.putLong(Tag.PixelRepresentation, VR.US, 0);
        byte[] pixels = new byte[pixelBytes];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        dataset.put(Element.of(Tag.PixelData, VR.OW, pixels));
        DicomWriter.writeFile(target, dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return read(target);
    }

    static Instance read(Path file) {
        try (DicomFile dicom = DicomReader.readFile(file, ReadOptions.headersOnly())) {
            Dataset dataset = dicom.dataset();
            return new Instance(file, dataset.getString(Tag.SOPInstanceUID), dataset.getString(Tag.SOPClassUID),
                    dicom.transferSyntax().uid(), dataset.getString(Tag.StudyInstanceUID), dataset.getString(Tag.AccessionNumber));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UID under 2.25 (PS3.5 B.2): unique without a registered root. */
    static String uid() {
        UUID uuid = UUID.randomUUID();
        BigInteger value = new BigInteger(1, ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    static String accession() {
        return "ACC" + accessions.incrementAndGet();
    }
}
