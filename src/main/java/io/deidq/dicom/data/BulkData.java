package io.deidq.dicom.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A value left where it was read: {@code length} bytes at {@code offset} of {@code file}. Pixel
 * Data and other large values stay on disk this way and are copied stream to stream when written.
 * {@code bigEndian} says how the bytes are ordered in the file, so that a writer can swap them.
 */
public record BulkData(Path file, long offset, long length, boolean bigEndian) {

    public BulkData {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bulk data at " + offset + " of length " + length);
        }
    }

    /**
     * Reads up to {@code count} bytes from {@code start} within the value, in little endian order
     * ({@code unitSize} is the size of one value, the unit that is swapped when the file is big endian).
     */
    public byte[] read(long start, int count, int unitSize) throws IOException {
        int n = (int) Math.max(0, Math.min(count, length - start));
        ByteBuffer buffer = ByteBuffer.allocate(n);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + start + buffer.position()) < 0) {
                    throw new IOException(file + ": bulk data at byte " + (offset + start) + " is past the end of the file");
                }
            }
        }
        byte[] bytes = buffer.array();
        if (bigEndian) {
            ByteOrderSwap.swap(bytes, 0, bytes.length - bytes.length % unitSize, unitSize);
        }
        return bytes;
    }
}
