package io.deidq.upload;

import java.io.IOException;
import java.util.Map;

/** Where the metadata records of cleaned images go: a directory of JSON files, a document store. Storing again replaces. */
public interface MetadataSink {

    /** Stores one image's record under {@code name} (Study/Series/SOP.json); durable when it returns. */
    void store(String name, Map<String, Object> record) throws IOException;
}
