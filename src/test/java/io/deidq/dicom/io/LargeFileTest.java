package io.deidq.dicom.io;

import io.deidq.dicom.data.BulkData;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.testing.Dcmtk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2 GiB multi-frame file (4096 frames of 512 x 512 x 16 bits: a Pixel Data length past
 * Integer.MAX_VALUE) is written, read and rewritten in a 256 MiB heap (the build's low-memory
 * execution runs this class with -Xmx256m): Pixel Data stays a bulk data reference and is copied
 * file to file.
 */
@org.junit.jupiter.api.Tag("low-memory")
class LargeFileTest {

    private static final long FRAME = 512L * 512 * 2;
    private static final int FRAMES = 4096;
    private static final long PIXELS = FRAME * FRAMES;

    @TempDir(cleanup = CleanupMode.ALWAYS)
    Path tmp;

    @Test
    void aTwoGibibyteFileIsReadAndRewrittenInASmallHeap() throws IOException {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test proves nothing in a large heap").isLessThanOrEqualTo(256L << 20);
        Path raw = tmp.resolve("pixels.raw");
        try (RandomAccessFile file = new RandomAccessFile(raw.toFile(), "rw")) {
            file.setLength(PIXELS);
            mark(file, 0);
            mark(file, PIXELS / 2 + 12_345);
            mark(file, PIXELS - 8);
        }
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7.3");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.9.7433.9.1");
        ds.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(FRAMES));
        ds.putLong(Tag.Rows, VR.US, 512);
        ds.putLong(Tag.Columns, VR.US, 512);
        ds.putLong(Tag.BitsAllocated, VR.US, 16);
        ds.put(Element.of(Tag.PixelData, VR.OW, new BulkData(raw, 0, PIXELS, false)));
        Path first = tmp.resolve("first.dcm");
        DicomWriter.writeFile(first, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Files.delete(raw);

        Path second = tmp.resolve("second.dcm");
        long pixelOffset;
        try (DicomFile read = DicomReader.readFile(first)) {
            BulkData pixels = read.dataset().get(Tag.PixelData).bulkData();
            assertThat(pixels.length()).isEqualTo(PIXELS).isGreaterThan(Integer.MAX_VALUE);
            pixelOffset = pixels.offset();
            DicomWriter.writeFile(second, read.fileMeta(), read.dataset(), read.transferSyntax());
        }

        assertThat(Files.size(second)).isEqualTo(Files.size(first)).isEqualTo(pixelOffset + PIXELS);
        for (long at : new long[] {0, PIXELS / 2 + 12_345, PIXELS - 8}) {
            assertThat(read(second, pixelOffset + at)).as("pixels at %d", at).isEqualTo(read(first, pixelOffset + at)).isEqualTo(0x0102030405060708L);
        }
        Dcmtk.Result dcmdump = Dcmtk.run(tmp, "dcmdump", "-M", "+P", "0028,0008", "+P", "7fe0,0010", second.toString()).assertClean();
        assertThat(dcmdump.stdout()).contains("[4096]").contains("# 2147483648, 1 PixelData");
    }

    private static void mark(RandomAccessFile file, long at) throws IOException {
        file.seek(at);
        file.writeLong(0x0102030405060708L);
    }

    private static long read(Path file, long at) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(8);
            channel.read(buffer, at);
            return buffer.flip().getLong();
        }
    }
}
