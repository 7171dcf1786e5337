package io.deidq.upload;

import io.deidq.ConditionalOnRole;
import io.deidq.DeidqProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/** The embedded sinks of a worker: files under the output directory, by default data/output. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("worker")
public class UploadConfiguration {

    @Bean
    ImageSink imageSink(UploadProperties upload, DeidqProperties deidq) {
        return new FileSystemImageSink(outputDir(upload, deidq).resolve("images"));
    }

    @Bean
    MetadataSink metadataSink(UploadProperties upload, DeidqProperties deidq) {
        return new FileSystemMetadataSink(outputDir(upload, deidq).resolve("metadata"));
    }

    private static Path outputDir(UploadProperties upload, DeidqProperties deidq) {
        return upload.outputDir() != null ? upload.outputDir() : deidq.dataDir().resolve("output");
    }
}
