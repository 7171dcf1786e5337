package io.deidq.dicom.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file (through a small window, seeking over what is skipped) or a byte array, tracking
 * the absolute position so that errors and bulk data references can name it. Every read checks
 * the bytes are there: a short input is a {@link DicomParseException}, never an unchecked error.
 */
final class ByteSource implements Closeable {

    private static final int WINDOW = 16 * 1024;
    private static final byte[] NOTHING = new byte[0];

    private final String name;
    private final Path path;
    private final FileChannel channel;
    private final long size;
    private ByteBuffer window;
    private long windowStart;

    private ByteSource(String name, Path path, FileChannel channel, long size, ByteBuffer window) {
        this.name = name;
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.window = window.order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteSource open(Path path, String name) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        ByteBuffer window = ByteBuffer.allocate(WINDOW);
        window.limit(0);
        return new ByteSource(name, path, channel, channel.size(), window);
    }

    static ByteSource of(byte[] bytes, String name) {
        return new ByteSource(name, null, null, bytes.length, ByteBuffer.wrap(bytes));
    }

    String name() {
        return name;
    }

    /** The file read, or null for a byte array (whose values are then always held in memory). */
    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    long position() {
        return windowStart + window.position();
    }

    long remaining() {
        return size - position();
    }

    DicomParseException error(long offset, String reason) {
        return new DicomParseException(name, offset, reason);
    }

    int u8() throws IOException {
        require(1);
        return window.get() & 0xFF;
    }

    int u16(boolean bigEndian) throws IOException {
        require(2);
        int v = window.getShort() & 0xFFFF;
        return bigEndian ? Integer.reverseBytes(v) >>> 16 : v;
    }

    long u32(boolean bigEndian) throws IOException {
        require(4);
        int v = window.getInt();
        return (bigEndian ? Integer.reverseBytes(v) : v) & 0xFFFFFFFFL;
    }

    /** A tag: group then element, each 16 bits in the given byte order. */
    int tag(boolean bigEndian) throws IOException {
        int group = u16(bigEndian);
        int element = u16(bigEndian);
        return (group << 16) | element;
    }

    /** Looks at the byte {@code ahead} positions further without consuming anything; -1 past the end. */
    int peek(int ahead) throws IOException {
        if (position() + ahead >= size) {
            return -1;
        }
        require(ahead + 1);
        return window.get(window.position() + ahead) & 0xFF;
    }

    byte[] bytes(int n) throws IOException {
        if (n == 0) {
            return NOTHING;
        }
        if (n > remaining()) {
            throw error(position(), "needs " + n + " bytes, only " + remaining() + " left");
        }
        byte[] bytes = new byte[n];
        int fromWindow = Math.min(n, window.remaining());
        window.get(bytes, 0, fromWindow);
        if (fromWindow < n) {
            ByteBuffer rest = ByteBuffer.wrap(bytes, fromWindow, n - fromWindow);
            long at = windowStart + window.limit();
            while (rest.hasRemaining()) {
                int read = channel.read(rest, at);
                if (read < 0) {
                    throw error(at, "the file ended early");
                }
                at += read;
            }
            seek(at);
        }
        return bytes;
    }

    void skip(long n) throws IOException {
        seek(position() + n);
    }

    void seek(long position) throws IOException {
        if (position < 0 || position > size) {
            throw error(position(), "cannot move to byte " + position + " of " + size);
        }
        if (position >= windowStart && position <= windowStart + window.limit()) {
            window.position((int) (position - windowStart));
        } else {
            windowStart = position;
            window.clear().limit(0);
        }
    }

    private void require(int n) throws IOException {
        if (window.remaining() >= n) {
            return;
        }
        long at = position();
        if (n > size - at) {
            throw error(at, "needs " + n + " bytes, only " + (size - at) + " left");
        }
        window.compact();
        windowStart = at;
        while (window.position() < n) {
            if (channel.read(window, windowStart + window.position()) < 0) {
                throw error(windowStart + window.position(), "the file ended early");
            }
        }
        window.flip();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
