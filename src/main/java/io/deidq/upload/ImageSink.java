package io.deidq.upload;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where cleaned images go: a directory, a cloud bucket. Storing under a name that holds an image
 * already replaces it, so that an upload run again after a crash leaves one copy.
 */
public interface ImageSink {

    /**
     * Stores the cleaned image file, durable already on its own disk, under {@code name}
     * (Study/Series/SOP.dcm); the image is durable in the sink once {@link #flush()} returns.
     * Safe to call from several threads at once.
     */
    void store(String name, Path cleanedImage) throws IOException;

    /** Makes every image stored before the call durable; a sink whose stores are durable when they return does nothing. */
    void flush() throws IOException;
}
