package io.deidq.dicom.io;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntPredicate;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads DICOM Part 10 files (PS3.10 7.1: preamble, "DICM", File Meta Information) and bare data
 * sets, whose encoding it recognises from their first element as dcmtk does.
 */
public final class DicomReader {

    private static final int PREAMBLE = 128;
    /** Deflate can grow data a thousandfold; data read from memory is not allowed to grow past this. */
    private static final int MAX_INFLATED_IN_MEMORY = 256 * 1024 * 1024;

    private DicomReader() {
    }

    public static DicomFile readFile(Path path) throws IOException {
        return readFile(path, ReadOptions.DEFAULT);
    }

    public static DicomFile readFile(Path path, ReadOptions options) throws IOException {
        try (ByteSource in = ByteSource.open(path, path.toString())) {
            return read(in, options);
        }
    }

    /** Reads a whole file held in memory; values stay in memory whatever their size. */
    public static DicomFile read(byte[] bytes, String name, ReadOptions options) throws DicomParseException {
        try (ByteSource in = ByteSource.of(bytes, name)) {
            return read(in, options);
        } catch (DicomParseException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomParseException(name, 0, e.getMessage());
        }
    }

    private static DicomFile read(ByteSource in, ReadOptions options) throws IOException {
        if (in.size() == 0) {
            throw in.error(0, "not a DICOM file: it is empty");
        }
        Dataset meta = new Dataset();
        if (hasPreamble(in)) {
            in.seek(PREAMBLE + 4);
            readFileMeta(in, meta);
        } else if (in.peek(0) == 0x02 && in.peek(1) == 0x00) {
            readFileMeta(in, meta);
        }
        DatasetParser parser = new DatasetParser(in, options);
        TransferSyntax ts = transferSyntax(in, meta);
        long datasetOffset = in.position();
        Dataset dataset = new Dataset();
        if (!ts.deflated()) {
            parser.readTopLevel(dataset, Encoding.of(ts), stop(options), ts);
            return new DicomFile(in.path(), meta, dataset, ts, datasetOffset, null);
        }
        if (in.path() == null) {
            long from = in.position();
            byte[] inflatedBytes = inflate(in.bytes((int) in.remaining()), in.name(), from);
            try (ByteSource inflated = ByteSource.of(inflatedBytes, in.name() + " (inflated data set)")) {
                new DatasetParser(inflated, options).readTopLevel(dataset, Encoding.EXPLICIT_LITTLE_ENDIAN, stop(options), ts);
            }
            return new DicomFile(null, meta, dataset, ts, datasetOffset, null);
        }
        Path inflated = inflate(in.path(), in.position(), in.name());
        try (ByteSource inflatedIn = ByteSource.open(inflated, in.name() + " (inflated data set)")) {
            new DatasetParser(inflatedIn, options).readTopLevel(dataset, Encoding.EXPLICIT_LITTLE_ENDIAN, stop(options), ts);
            return new DicomFile(in.path(), meta, dataset, ts, datasetOffset, inflated);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(inflated);
            throw e;
        }
    }

    /** Reads a data set held in memory (a DIMSE command or data set), encoded in {@code ts}. */
    public static Dataset readDataset(byte[] bytes, TransferSyntax ts, String name) throws DicomParseException {
        byte[] encoded = bytes;
        if (ts.deflated()) {
            encoded = inflate(bytes, name, 0);
        }
        Dataset dataset = new Dataset();
        try (ByteSource in = ByteSource.of(encoded, name)) {
            new DatasetParser(in, ReadOptions.DEFAULT).readTopLevel(dataset, Encoding.of(ts), null, ts);
        } catch (DicomParseException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomParseException(name, 0, e.getMessage());
        }
        return dataset;
    }

    /** Reads a DIMSE command set: implicit VR little endian, group 0000 (PS3.7 6.3.1). */
    public static Dataset readCommand(byte[] bytes, String name) throws DicomParseException {
        Dataset command = new Dataset();
        try (ByteSource in = ByteSource.of(bytes, name)) {
            new DatasetParser(in, ReadOptions.DEFAULT).readTopLevel(command, Encoding.IMPLICIT_LITTLE_ENDIAN, null, null);
        } catch (DicomParseException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomParseException(name, 0, e.getMessage());
        }
        return command;
    }

    private static boolean hasPreamble(ByteSource in) throws IOException {
        return in.size() >= PREAMBLE + 4 && in.peek(PREAMBLE) == 'D' && in.peek(PREAMBLE + 1) == 'I'
                && in.peek(PREAMBLE + 2) == 'C' && in.peek(PREAMBLE + 3) == 'M';
    }

    private static void readFileMeta(ByteSource in, Dataset meta) throws IOException {
        DatasetParser parser = new DatasetParser(in, ReadOptions.FILE_META);
        long at = in.position();
        // PS3.10 demands explicit VR little endian; some old writers used implicit VR, which shows in the VR bytes.
        boolean explicit = VR.ofCode((in.peek(4) << 8) | in.peek(5)) != null;
        long end = groupLengthEnd(in, at);
        // A big endian data set can begin with bytes that read as group 0002 in little endian; where
        // the group length says the meta ends, it ends (as dcmtk reads it). Without one, the group does.
        parser.readTopLevel(meta, explicit ? Encoding.EXPLICIT_LITTLE_ENDIAN : Encoding.IMPLICIT_LITTLE_ENDIAN,
                tag -> Tags.group(tag) != 0x0002 || in.position() - 4 >= end, null);
        if (meta.isEmpty()) {
            throw in.error(at, "File Meta Information has no elements");
        }
    }

    /**
     * Where File Meta Information ends by its group length (0002,0000), or never if it begins with
     * none. Explicit and implicit VR both give that element 12 bytes: tag, VR and length or length, value.
     */
    private static long groupLengthEnd(ByteSource in, long at) throws IOException {
        if (in.size() - at < 12 || in.peek(0) != 0x02 || in.peek(1) != 0 || in.peek(2) != 0 || in.peek(3) != 0) {
            return Long.MAX_VALUE;
        }
        long length = in.peek(8) | (in.peek(9) << 8) | (in.peek(10) << 16) | ((long) in.peek(11) << 24);
        return at + 12 + length;
    }

    private static TransferSyntax transferSyntax(ByteSource in, Dataset meta) throws IOException {
        Element element = meta.get(Tag.TransferSyntaxUID);
        if (element != null && element.vr() != VR.UI) {
            throw in.error(in.position(), "Transfer Syntax UID (0002,0010) has VR " + element.vr() + ", not UI");
        }
        String uid = meta.getString(Tag.TransferSyntaxUID);
        if (uid != null) {
            if (!uid.matches("[0-9]+(\\.[0-9]+)*") || uid.length() > 64) {
                throw in.error(in.position(), "Transfer Syntax UID (0002,0010) is not a UID (PS3.5 9.1): digits and dots, at most 64");
            }
            return TransferSyntax.of(uid);
        }
        return switch (recognise(in)) {
            case IMPLICIT_LITTLE_ENDIAN -> TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
            case EXPLICIT_LITTLE_ENDIAN -> TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
            case EXPLICIT_BIG_ENDIAN -> TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
        };
    }

    /**
     * The encoding of a data set without a transfer syntax, from its first element: the byte
     * order from where the small group number sits, explicit VR from two VR letters after the tag.
     */
    private static Encoding recognise(ByteSource in) throws IOException {
        long at = in.position();
        if (in.remaining() == 0) {
            return Encoding.EXPLICIT_LITTLE_ENDIAN;
        }
        if (in.remaining() < 8) {
            throw in.error(at, "not a DICOM file: too short for a data set element");
        }
        boolean bigEndian = in.peek(0) == 0 && in.peek(1) != 0;
        int group = bigEndian ? (in.peek(0) << 8) | in.peek(1) : (in.peek(1) << 8) | in.peek(0);
        boolean explicit = VR.ofCode((in.peek(4) << 8) | in.peek(5)) != null;
        if (group > 0x0028 || (bigEndian && !explicit)) {
            throw in.error(at, "not a DICOM file: no 'DICM' at byte 128, and the first bytes are not a data set element");
        }
        if (!explicit) {
            return Encoding.IMPLICIT_LITTLE_ENDIAN;
        }
        return bigEndian ? Encoding.EXPLICIT_BIG_ENDIAN : Encoding.EXPLICIT_LITTLE_ENDIAN;
    }

    private static IntPredicate stop(ReadOptions options) {
        int stopBefore = options.stopBefore();
        return stopBefore == ReadOptions.READ_ALL ? null : tag -> Integer.compareUnsigned(tag, stopBefore) >= 0;
    }

    /** Inflates a deflated data set (PS3.5 A.5: raw deflate, no zlib header) into a temporary file. */
    private static Path inflate(Path path, long from, String name) throws IOException {
        Path inflated = inflatedCopyFor(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
             InputStream in = new InflaterInputStream(Channels.newInputStream(channel.position(from)), new Inflater(true));
             OutputStream out = Files.newOutputStream(inflated)) {
            // Into the temporary file as it was created (owner-only): replacing it would make a new one with default permissions.
            in.transferTo(out);
            return inflated;
        } catch (ZipException | EOFException e) {
            Files.deleteIfExists(inflated);
            throw new DicomParseException(name, from, "the deflated data set cannot be inflated: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(inflated);
            throw e;
        }
    }

    /**
     * The file an inflated data set goes into: beside its source, which it is as sensitive as (a
     * spool's data stays in the spool), owner-only, named as a partial file (".part") for whatever
     * sweeps the directory after a crash; in the temporary directory only when the source's
     * directory cannot be written.
     */
    private static Path inflatedCopyFor(Path source) throws IOException {
        Path directory = source.toAbsolutePath().getParent();
        try {
            return Files.createTempFile(directory, "." + source.getFileName() + ".inflated-", ".part");
        } catch (FileSystemException readOnly) {
            return Files.createTempFile("deidq-inflated-", ".part");
        }
    }

    private static byte[] inflate(byte[] bytes, String name, long offset) throws DicomParseException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] chunk = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                if (out.size() + n > MAX_INFLATED_IN_MEMORY) {
                    throw new DicomParseException(name, offset, "the deflated data set inflates to more than "
                            + MAX_INFLATED_IN_MEMORY + " bytes, too many to hold in memory; read it from a file");
                }
                out.write(chunk, 0, n);
            }
            if (!inflater.finished()) {
                throw new DicomParseException(name, offset, "the deflated data set cannot be inflated: its deflate stream is cut short");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new DicomParseException(name, offset, "the deflated data set cannot be inflated: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
