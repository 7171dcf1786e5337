package io.deidq.receiver;

import io.deidq.OwnerOnly;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomWriter;
import io.deidq.dicom.io.FileMetaInformation;
import io.deidq.dicom.net.StoreRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The spool: each data set streams from the connection into {@code incoming/<random>.part} behind a
 * Part 10 header, is fsynced, and only then renamed to {@code images/<day>/<random>.dcm}; the
 * directory entry is fsynced before the image is recorded (by the {@link ImageRecorder}, once for
 * all the images of a group). File names carry nothing of the
 * instance. A data set cut off or refused leaves no file behind. What the spool creates is its
 * owner's only: it is patient data. Images are recorded by their path
 * relative to the spool, so that the spool can be reached by another path or moved; associations by
 * the spool's {@link SpoolId}, for the same reason.
 */
final class SpoolStore {

    static final String PARTIAL = ".part";
    static final String KEPT = ".dcm";
    private static final int CHUNK = 256 * 1024;

    private final Path root;
    private final Path incoming;
    private final Path images;
    private final String aeTitle;
    private final String id;
    /** Day directories whose own directory entry is durable: an image renamed into one is then durable with its fsync. */
    private final Set<Path> durableDays = ConcurrentHashMap.newKeySet();

    /** A data set written to the spool and fsynced, not yet in its final place. */
    record Spooled(Path file, long size, String crc32c) {
    }

    /** The disk refused a write: the instance could not be kept (A700), the connection is fine. */
    static final class SpoolWriteException extends IOException {
        SpoolWriteException(String message, IOException cause) {
            super(message, cause);
        }
    }

    SpoolStore(Path root, String aeTitle) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve("incoming");
        this.images = this.root.resolve("images");
        this.aeTitle = aeTitle;
        try {
            Files.createDirectories(incoming, OwnerOnly.DIRECTORY);
            Files.createDirectories(images, OwnerOnly.DIRECTORY);
            if (this.root.getParent() != null) {
                fsyncDirectory(this.root.getParent());
            }
            fsyncDirectory(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spool directories under " + root, e);
        }
        try {
            this.id = SpoolId.readOrCreate(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the id of the spool " + root + ": " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    /** The spool's {@link SpoolId}, which the associations its receivers record carry. */
    String id() {
        return id;
    }

    Path incoming() {
        return incoming;
    }

    Path images() {
        return images;
    }

    /** How an Image row names a kept file. */
    String spoolPath(Path kept) {
        return root.relativize(kept).toString();
    }

    long usableSpace() throws IOException {
        return Files.getFileStore(incoming).getUsableSpace();
    }

    /**
     * Writes the data set arriving on {@code dataSet} to a new spool file. An exception from the
     * stream (the connection) propagates as it is; one from the disk is a {@link SpoolWriteException}.
     * Either way the partial file is deleted.
     */
    Spooled write(StoreRequest request, InputStream dataSet) throws IOException {
        Path file = incoming.resolve(UUID.randomUUID() + PARTIAL);
        CRC32C crc = new CRC32C();
        long size = 0;
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.FILE)) {
            byte[] head = header(request);
            crc.update(head);
            diskWrite(channel, ByteBuffer.wrap(head));
            size += head.length;
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = dataSet.read(chunk)) > 0) {
                crc.update(chunk, 0, n);
                diskWrite(channel, ByteBuffer.wrap(chunk, 0, n));
                size += n;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new SpoolWriteException("cannot fsync " + file + ": " + e.getMessage(), e);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Spooled(file, size, String.format("%08x", crc.getValue()));
    }

    /**
     * Renames a spooled file to its final place, {@code images/<day>/}. The rename is durable once
     * that directory (the returned path's parent) is fsynced.
     */
    Path keep(Spooled spooled) throws IOException {
        Path day = durableDay();
        Path target = day.resolve(spooled.file().getFileName().toString().replace(PARTIAL, KEPT));
        try {
            Files.move(spooled.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new SpoolWriteException("the spool's incoming and images directories must be on one file system", e);
        }
        return target;
    }

    /**
     * Today's directory, created if need be with its entry in {@code images} fsynced before any
     * association uses it: an image renamed into a directory whose own entry could still be lost
     * would be lost with it.
     */
    private Path durableDay() throws IOException {
        Path day = images.resolve(LocalDate.now(ZoneOffset.UTC).toString());
        if (!durableDays.contains(day)) {
            Files.createDirectories(day, OwnerOnly.DIRECTORY);
            fsyncDirectory(images);
            durableDays.add(day);
        }
        return day;
    }

    /** Makes directory entries (a rename, a new file) durable, as fsync of the file alone does not. */
    static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** File Meta Information for the data set as the command announced it (PS3.10 7.1), sender and receiver named. */
    private byte[] header(StoreRequest request) throws IOException {
        Dataset meta = FileMetaInformation.create(request.sopClassUid(), request.sopInstanceUid(), request.transferSyntaxUid(), aeTitle);
        meta.putString(Tag.SendingApplicationEntityTitle, VR.AE, request.association().callingAeTitle());
        meta.putString(Tag.ReceivingApplicationEntityTitle, VR.AE, aeTitle);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.write(new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        DicomWriter.writeDataset(Channels.newChannel(out), meta, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return out.toByteArray();
    }

    private static void diskWrite(FileChannel channel, ByteBuffer bytes) throws SpoolWriteException {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new SpoolWriteException("cannot write to the spool: " + e.getMessage(), e);
        }
    }
}
