package io.deidq.dicom.io;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A DICOM file as read: its File Meta Information (empty for a bare data set), its data set and
 * the transfer syntax the data set was encoded in. Bulk data references point into the source
 * file, or, for a deflated data set, into a temporary inflated copy that {@link #close()} deletes;
 * write the data set out before closing.
 */
public final class DicomFile implements Closeable {

    private final Path source;
    private final Dataset fileMeta;
    private final Dataset dataset;
    private final TransferSyntax transferSyntax;
    private final long datasetOffset;
    private final Path inflatedCopy;

    DicomFile(Path source, Dataset fileMeta, Dataset dataset, TransferSyntax transferSyntax, long datasetOffset, Path inflatedCopy) {
        this.source = source;
        this.fileMeta = fileMeta;
        this.dataset = dataset;
        this.transferSyntax = transferSyntax;
        this.datasetOffset = datasetOffset;
        this.inflatedCopy = inflatedCopy;
    }

    public Path source() {
        return source;
    }

    public Dataset fileMeta() {
        return fileMeta;
    }

    public Dataset dataset() {
        return dataset;
    }

    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /**
     * Where the data set begins in the source: just after File Meta Information, or 0 for a bare
     * data set. From there to the end of the file is the data set as encoded (deflated ones too).
     */
    public long datasetOffset() {
        return datasetOffset;
    }

    @Override
    public void close() throws IOException {
        if (inflatedCopy != null) {
            Files.deleteIfExists(inflatedCopy);
        }
    }
}
