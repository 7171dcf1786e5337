package io.deidq.upload;

import java.io.IOException;
import java.util.Map;

/** Where the metadata records of cleaned images go: a directory of JSON files, a document store. Storing again replaces. */
public interface MetadataSink {

    /**
     * Stores one image's record under {@code name} (Study/Series/SOP.json); durable in the sink once
     * {@link #flush()} returns. Safe to call from several threads at once.
     */
    void store(String name, Map<String, Object> record) throws IOException;

    /** Makes every record stored before the call durable; a sink whose stores are durable when they return does nothing. */
    void flush() throws IOException;
}
