package io.deidq.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The embedded image sink: cleaned images under a directory (data/output/images by default), by their names. */
public final class FileSystemImageSink implements ImageSink {

    private final Path root;

    public FileSystemImageSink(Path root) {
        this.root = root;
    }

    @Override
    public void store(String name, Path cleanedImage) throws IOException {
        DurableFile.write(root.resolve(SinkName.checked(name)), out -> Files.copy(cleanedImage, out));
    }
}
