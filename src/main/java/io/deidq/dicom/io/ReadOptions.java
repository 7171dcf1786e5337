package io.deidq.dicom.io;

/**
 * How much of a file a read keeps in the heap.
 *
 * @param bulkThreshold values of this many bytes or more stay in the file as bulk data references (only
 *                      VRs with a 4-byte length can be that long: the others, at most 64 KiB, stay in memory)
 * @param stopBefore    stop reading the top-level data set at the first tag at or after this one
 *                      (unsigned comparison); 0xFFFFFFFF reads everything
 * @param maxDepth      deepest nesting of sequence items accepted; deeper input is refused as malformed
 */
public record ReadOptions(long bulkThreshold, int stopBefore, int maxDepth) {

    /** 64 KiB: larger than any header value a recipe edits, smaller than a frame of pixels. */
    public static final long DEFAULT_BULK_THRESHOLD = 64 * 1024;

    public static final int READ_ALL = 0xFFFFFFFF;

    public static final ReadOptions DEFAULT = new ReadOptions(DEFAULT_BULK_THRESHOLD, READ_ALL, 64);

    /** File Meta Information is small and always read whole. */
    static final ReadOptions FILE_META = new ReadOptions(Long.MAX_VALUE, READ_ALL, 1);

    public ReadOptions {
        if (bulkThreshold < 0 || maxDepth < 1) {
            throw new IllegalArgumentException("bulkThreshold " + bulkThreshold + ", maxDepth " + maxDepth);
        }
    }

    /** Headers only: everything before Pixel Data (7FE0,0010). */
    public static ReadOptions headersOnly() {
        return DEFAULT.withStopBefore(0x7FE00010);
    }

    public ReadOptions withBulkThreshold(long threshold) {
        return new ReadOptions(threshold, stopBefore, maxDepth);
    }

    public ReadOptions withStopBefore(int tag) {
        return new ReadOptions(bulkThreshold, tag, maxDepth);
    }
}
