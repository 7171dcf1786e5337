package io.deidq.dicom.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes a data set, as encoded, into the P-DATA-TF stream of a C-STORE-RQ. */
@FunctionalInterface
public interface DataSetWriter {

    void writeTo(OutputStream out) throws IOException;

    /**
     * The bytes of {@code file} from {@code offset} to its end: the data set of a Part 10 file, sent
     * without decoding it. Into an association's P-DATA stream they go straight from the file.
     */
    static DataSetWriter fileRegion(Path file, long offset) {
        return out -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                if (out instanceof PDataOutputStream pdvs) {
                    pdvs.finishFrom(channel, offset, channel.size() - offset);
                    return;
                }
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                long at = offset;
                int n;
                while ((n = channel.read(buffer.clear(), at)) > 0) {
                    out.write(buffer.array(), 0, n);
                    at += n;
                }
            }
        };
    }
}
