package io.deidq.testing;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.FileMetaInformation;
import io.deidq.dicom.text.DicomDump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Helpers on Part 10 files for the interoperability tests. */
public final class DicomFiles {

    private DicomFiles() {
    }

    /** The encoded data set of a Part 10 file (inflated when deflated): what must survive a rewrite byte for byte. */
    public static byte[] datasetBytes(Path file, boolean deflated) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        if (bytes.length > 144 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M') {
            long groupLength = ByteBuffer.wrap(bytes, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            start = (int) (144 + groupLength);
        }
        byte[] dataset = Arrays.copyOfRange(bytes, start, bytes.length);
        return deflated ? inflate(dataset) : dataset;
    }

    /** File Meta Information for rewriting a file read: the source's SOP Class and Instance, the new transfer syntax. */
    public static Dataset metaFor(DicomFile file, TransferSyntax ts) {
        Dataset ds = file.dataset();
        String sopClass = first(ds.getString(Tag.SOPClassUID), file.fileMeta().getString(Tag.MediaStorageSOPClassUID));
        String sopInstance = first(ds.getString(Tag.SOPInstanceUID), file.fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
        return FileMetaInformation.create(sopClass, sopInstance, ts.uid(), null);
    }

    public static String dump(DicomFile file, boolean printAll) {
        StringBuilder out = new StringBuilder();
        try {
            new DicomDump(out, printAll).file(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Where two byte arrays first differ, for a failure message that a human can act on. */
    public static String firstDifference(byte[] a, byte[] b) {
        int at = Arrays.mismatch(a, b);
        if (at < 0) {
            return "none";
        }
        return "at byte " + at + " of " + a.length + " / " + b.length + ": "
                + hex(a, at) + " / " + hex(b, at);
    }

    private static String hex(byte[] bytes, int at) {
        StringBuilder text = new StringBuilder();
        for (int i = at; i < Math.min(bytes.length, at + 16); i++) {
            text.append(String.format("%02x", bytes[i]));
        }
        return text.toString();
    }

    private static String first(String a, String b) {
        return a != null ? a : b == null ? "1.2.3" : b;
    }

    private static byte[] inflate(byte[] deflated) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && inflater.needsInput()) {
                    break;
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("cannot inflate", e);
        } finally {
            inflater.end();
        }
    }
}
