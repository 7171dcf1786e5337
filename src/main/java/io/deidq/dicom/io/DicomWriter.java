package io.deidq.dicom.io;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Fragments;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.dict.Tag;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Writes DICOM Part 10 files and bare data sets. */
public final class DicomWriter {

    private static final int PREAMBLE = 128;

    private DicomWriter() {
    }

    /**
     * Writes a Part 10 file: a zero preamble, "DICM", {@code fileMeta} (explicit VR little endian,
     * with its group length computed) and {@code dataset} encoded in {@code ts}.
     */
    public static void writeFile(Path target, Dataset fileMeta, Dataset dataset, TransferSyntax ts) throws IOException {
        checkPixelData(dataset, ts);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteSink sink = new ByteSink(channel);
            sink.bytes(new byte[PREAMBLE], 0, PREAMBLE);
            sink.bytes(new byte[] {'D', 'I', 'C', 'M'}, 0, 4);
            new DatasetEncoder(sink).write(fileMeta, Encoding.EXPLICIT_LITTLE_ENDIAN);
            sink.flush();
            if (ts.deflated()) {
                writeDeflated(Channels.newOutputStream(channel), dataset);
            } else {
                new DatasetEncoder(sink).write(dataset, Encoding.of(ts));
                sink.flush();
            }
        }
    }

    /** Writes a file with File Meta Information built afresh for the data set and {@code ts}. */
    public static void writeFile(Path target, Dataset dataset, TransferSyntax ts) throws IOException {
        writeFile(target, FileMetaInformation.of(dataset, ts.uid()), dataset, ts);
    }

    /** Writes a bare data set (no preamble, no meta) in {@code ts} to {@code out}, leaving it open. */
    public static void writeDataset(WritableByteChannel out, Dataset dataset, TransferSyntax ts) throws IOException {
        checkPixelData(dataset, ts);
        if (ts.deflated()) {
            writeDeflated(Channels.newOutputStream(out), dataset);
            return;
        }
        ByteSink sink = new ByteSink(out);
        new DatasetEncoder(sink).write(dataset, Encoding.of(ts));
        sink.flush();
    }

    /** The number of bytes {@link #writeDataset} writes for a transfer syntax that is not deflated. */
    public static long encodedLength(Dataset dataset, TransferSyntax ts) {
        return DatasetEncoder.length(dataset, Encoding.of(ts));
    }

    private static void writeDeflated(OutputStream out, Dataset dataset) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            DeflaterOutputStream deflated = new DeflaterOutputStream(out, deflater, 64 * 1024);
            ByteSink sink = new ByteSink(Channels.newChannel(deflated));
            new DatasetEncoder(sink).write(dataset, Encoding.EXPLICIT_LITTLE_ENDIAN);
            sink.flush();
            deflated.finish();
            if ((deflater.getBytesWritten() & 1) != 0) {
                // The deflated stream is padded to even length (PS3.5 A.5); inflating stops before the pad.
                out.write(0);
            }
            deflated.flush();
        } finally {
            deflater.end();
        }
    }

    /** Pixel Data changes between native and encapsulated only through a codec, which rewriting is not. */
    private static void checkPixelData(Dataset dataset, TransferSyntax ts) throws IOException {
        Element pixels = dataset.get(Tag.PixelData);
        boolean fragments = pixels != null && pixels.value() instanceof Fragments;
        if (fragments && ts.nativePixelData()) {
            throw new IOException("the data set holds compressed (encapsulated) Pixel Data, which cannot be written in "
                    + ts.keyword() + " without decompressing it");
        }
        if (pixels != null && !fragments && ts.encapsulated()) {
            throw new IOException("the data set holds native Pixel Data, which cannot be written in "
                    + ts.keyword() + " without compressing it");
        }
    }
}
