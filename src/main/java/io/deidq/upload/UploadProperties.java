package io.deidq.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where the upload stage puts what it releases (config/README.md, "Upload").
 *
 * @param outputDir the embedded sinks' directory: images under images/, metadata records under metadata/;
 *                  null (or empty, as an unset DEIDQ_OUTPUT_DIR gives it) for the data directory's output/
 */
@ConfigurationProperties(prefix = "deidq.upload")
public record UploadProperties(Path outputDir) {

    public UploadProperties {
        if (outputDir != null && outputDir.toString().isEmpty()) {
            outputDir = null;
        }
    }
}
