package io.deidq.upload;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The embedded image sink: cleaned images under a directory (data/output/images by default), by
 * their names. A cleaned file on the same file system is linked, not copied: it is durable already,
 * and linking it writes no data again.
 */
public final class FileSystemImageSink implements ImageSink {

    private final Path root;
    private final Directories unsynced = new Directories();

    public FileSystemImageSink(Path root) {
        this.root = root;
    }

    @Override
    public void store(String name, Path cleanedImage) throws IOException {
        DurableFile.link(root.resolve(SinkName.checked(name)), cleanedImage, unsynced);
    }

    @Override
    public void flush() throws IOException {
        unsynced.sync();
    }
}
