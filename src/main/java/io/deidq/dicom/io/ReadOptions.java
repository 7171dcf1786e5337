package io.deidq.dicom.io;

/**
 * How much of a file a read keeps in the heap.
 *
 * @param bulkThreshold values of this many bytes or more stay in the file as bulk data references (only
 *                      VRs with a 4-byte length can be that long: the others, at most 64 KiB, stay in memory)
 * @param stopBefore    stop reading the top-level data set at the first tag at or after this one
 *                      (unsigned comparison); 0xFFFFFFFF reads everything
 * @param maxDepth      deepest nesting of sequence items accepted; deeper input is refused as malformed
 * @param maxElements   most elements and items one file may hold: each costs heap whatever its size,
 *                      so a file of nothing but empty elements is refused before it exhausts memory
 */
public record ReadOptions(long bulkThreshold, int stopBefore, int maxDepth, int maxElements) {

    /** 64 KiB: larger than any header value a recipe edits, smaller than a frame of pixels. */
    public static final long DEFAULT_BULK_THRESHOLD = 64 * 1024;

    public static final int READ_ALL = 0xFFFFFFFF;

    /** Ten times what an enhanced multi-frame image of thousands of frames holds. */
    public static final int DEFAULT_MAX_ELEMENTS = 2_000_000;

    public static final ReadOptions DEFAULT = new ReadOptions(DEFAULT_BULK_THRESHOLD, READ_ALL, 64, DEFAULT_MAX_ELEMENTS);

    /** File Meta Information is small and always read whole. */
    static final ReadOptions FILE_META = new ReadOptions(Long.MAX_VALUE, READ_ALL, 1, DEFAULT_MAX_ELEMENTS);

    public ReadOptions {
        if (bulkThreshold < 0 || maxDepth < 1 || maxElements < 1) {
            throw new IllegalArgumentException("bulkThreshold " + bulkThreshold + ", maxDepth " + maxDepth + ", maxElements " + maxElements);
        }
    }

    /** Headers only: everything before Pixel Data (7FE0,0010). */
    public static ReadOptions headersOnly() {
        return DEFAULT.withStopBefore(0x7FE00010);
    }

    public ReadOptions withBulkThreshold(long threshold) {
        return new ReadOptions(threshold, stopBefore, maxDepth, maxElements);
    }

    public ReadOptions withStopBefore(int tag) {
        return new ReadOptions(bulkThreshold, tag, maxDepth, maxElements);
    }

    public ReadOptions withMaxElements(int count) {
        return new ReadOptions(bulkThreshold, stopBefore, maxDepth, count);
    }
}
