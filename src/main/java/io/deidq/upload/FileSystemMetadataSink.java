package io.deidq.upload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The embedded metadata sink: one JSON document per image under a directory (data/output/metadata by default). */
public final class FileSystemMetadataSink implements MetadataSink {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Path root;
    private final Directories unsynced = new Directories();

    public FileSystemMetadataSink(Path root) {
        this.root = root;
    }

    @Override
    public void store(String name, Map<String, Object> record) throws IOException {
        DurableFile.write(root.resolve(SinkName.checked(name)), out -> JSON.writeValue(out, record), unsynced);
    }

    @Override
    public void flush() throws IOException {
        unsynced.sync();
    }
}
