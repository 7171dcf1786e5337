package io.deidq.receiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.CRC32C;

/** Part 10 files as bytes: where the data set begins after the File Meta Information, and checksums. */
final class Part10 {

    private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    private Part10() {
    }

    /** The encoded data set of a Part 10 file: the bytes after its File Meta Information (group 0002). */
    static byte[] dataSet(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Arrays.copyOfRange(bytes, dataSetOffset(bytes, file), bytes.length);
    }

    /** Where the data set of a Part 10 file begins. */
    static int dataSetOffset(Path file) throws IOException {
        return dataSetOffset(Files.readAllBytes(file), file);
    }

    static String crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(Files.readAllBytes(file));
        return String.format("%08x", crc.getValue());
    }

    /** Walks the explicit VR little endian meta elements, whatever their group length claims. */
    private static int dataSetOffset(byte[] bytes, Path file) {
        if (bytes.length < 132 || bytes[128] != 'D' || bytes[129] != 'I' || bytes[130] != 'C' || bytes[131] != 'M') {
            throw new AssertionError(file + " is not a Part 10 file: no DICM at byte 128");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = 132;
        while (at + 8 <= bytes.length && in.getShort(at) == 0x0002) {
            String vr = new String(bytes, at + 4, 2, StandardCharsets.US_ASCII);
            at += LONG_LENGTH_VRS.contains(vr) ? 12 + in.getInt(at + 8) : 8 + Short.toUnsignedInt(in.getShort(at + 6));
        }
        return at;
    }
}
