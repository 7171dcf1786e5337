package io.deidq.pipeline;

import io.deidq.testing.Dcmtk;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A study as the PACS holds it: its patient (birth date null for none), and the accession number,
 * UID and date that identify it; its images are small 8×8 secondary captures made by dump2dcm.
 */
record Study(String patientId, String patientName, String birthDate, String accession, String studyUid, String studyDate) {

    /** One image of the study, {@code extra} dump lines added to its header, written under {@code dir}. */
    Path image(Path dir, String sopUid, String... extra) throws IOException {
        Path pixels = dir.resolve("pixels.raw");
        if (!Files.exists(pixels)) {
            byte[] values = new byte[128];
            for (int k = 0; k < values.length; k++) {
                values[k] = (byte) (k * 7);
            }
            Files.write(pixels, values);
        }
        String dump = """
                (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
                (0008,0018) UI [%s]
                (0008,0020) DA [%s]
                (0008,0050) SH [%s]
                (0008,0060) CS [OT]
                (0010,0010) PN [%s]
                (0010,0020) LO [%s]
                %s
                (0020,000d) UI [%s]
                (0020,000e) UI [%s.1]
                (0028,0002) US 1
                (0028,0004) CS [MONOCHROME2]
                (0028,0010) US 8
                (0028,0011) US 8
                (0028,0100) US 16
                (0028,0101) US 16
                (0028,0102) US 15
                (0028,0103) US 0
                %s
                (7fe0,0010) OW =pixels.raw
                """.formatted(sopUid, studyDate, accession, patientName, patientId,
                birthDate == null ? "" : "(0010,0030) DA [" + birthDate + "]", studyUid, studyUid, String.join("\n", extra));
        Path text = Files.writeString(dir.resolve(sopUid + ".txt"), dump);
        Path file = dir.resolve(sopUid + ".dcm");
        Dcmtk.run(dir, "dump2dcm", "--write-xfer-little", text.toString(), file.toString()).assertClean();
        return file;
    }

    /** A UUID-derived UID (PS3.5 B.2). */
    static String uid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
