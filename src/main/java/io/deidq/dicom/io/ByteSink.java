package io.deidq.dicom.io;

import io.deidq.dicom.data.BulkData;
import io.deidq.dicom.data.ByteOrderSwap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;

/**
 * Buffers what the encoder writes and copies bulk data file to channel: with the kernel's
 * transfer when the target is a file and no byte swap is needed, else through one small buffer.
 * Either way a bulk value never passes through the heap whole.
 */
final class ByteSink implements Closeable {

    private static final int BUFFER = 64 * 1024;

    private final WritableByteChannel out;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    ByteSink(WritableByteChannel out) {
        this.out = out;
    }

    long written() {
        return written + buffer.position();
    }

    void u16(int value, boolean bigEndian) throws IOException {
        room(2);
        buffer.putShort((short) (bigEndian ? Integer.reverseBytes(value) >>> 16 : value));
    }

    void u32(long value, boolean bigEndian) throws IOException {
        room(4);
        buffer.putInt(bigEndian ? Integer.reverseBytes((int) value) : (int) value);
    }

    void tag(int tag, boolean bigEndian) throws IOException {
        u16(tag >>> 16, bigEndian);
        u16(tag & 0xFFFF, bigEndian);
    }

    void u8(int value) throws IOException {
        room(1);
        buffer.put((byte) value);
    }

    void bytes(byte[] bytes, int offset, int length) throws IOException {
        if (length <= buffer.remaining()) {
            buffer.put(bytes, offset, length);
            return;
        }
        flush();
        if (length < BUFFER) {
            buffer.put(bytes, offset, length);
        } else {
            writeFully(ByteBuffer.wrap(bytes, offset, length));
        }
    }

    /** Copies a bulk value, swapping units of {@code unitSize} bytes when its byte order differs from the target's. */
    void bulk(BulkData bulk, int unitSize, boolean targetBigEndian) throws IOException {
        flush();
        boolean swap = bulk.bigEndian() != targetBigEndian && unitSize > 1;
        try (FileChannel in = FileChannel.open(bulk.file(), StandardOpenOption.READ)) {
            if (bulk.offset() + bulk.length() > in.size()) {
                throw new IOException(bulk.file() + ": bulk data of " + bulk.length() + " bytes at byte "
                        + bulk.offset() + " is past the end of the file (" + in.size() + " bytes)");
            }
            if (!swap && out instanceof FileChannel) {
                transfer(in, bulk);
            } else {
                copy(in, bulk, swap ? unitSize : 1);
            }
        }
    }

    private void transfer(FileChannel in, BulkData bulk) throws IOException {
        long position = bulk.offset();
        long end = bulk.offset() + bulk.length();
        while (position < end) {
            long n = in.transferTo(position, end - position, out);
            if (n <= 0) {
                copy(in, new BulkData(bulk.file(), position, end - position, bulk.bigEndian()), 1);
                break;
            }
            position += n;
        }
        written += bulk.length();
    }

    private void copy(FileChannel in, BulkData bulk, int unitSize) throws IOException {
        // A multiple of every unit size, so that no value straddles two chunks.
        ByteBuffer chunk = ByteBuffer.allocate(BUFFER);
        long position = bulk.offset();
        long end = bulk.offset() + bulk.length();
        while (position < end) {
            chunk.clear().limit((int) Math.min(BUFFER, end - position));
            while (chunk.hasRemaining()) {
                int n = in.read(chunk, position + chunk.position());
                if (n < 0) {
                    throw new IOException(bulk.file() + ": ended at byte " + (position + chunk.position()) + " inside bulk data");
                }
            }
            chunk.flip();
            if (unitSize > 1) {
                ByteOrderSwap.swap(chunk.array(), 0, chunk.limit() - chunk.limit() % unitSize, unitSize);
            }
            position += chunk.limit();
            writeFully(chunk);
        }
    }

    void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void room(int n) throws IOException {
        if (buffer.remaining() < n) {
            flush();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            written += out.write(bytes);
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
