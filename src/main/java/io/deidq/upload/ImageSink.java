package io.deidq.upload;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where cleaned images go: a directory, a cloud bucket. Storing under a name that holds an image
 * already replaces it, so that an upload run again after a crash leaves one copy.
 */
public interface ImageSink {

    /** Stores the cleaned image file under {@code name} (Study/Series/SOP.dcm); durable when it returns. */
    void store(String name, Path cleanedImage) throws IOException;
}
