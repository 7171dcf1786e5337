package io.deidq.upload;

import io.deidq.DeidqProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UploadConfigurationTest {

    @TempDir
    Path tmp;

    @Test
    void withoutAnOutputDirectoryTheSinksWriteUnderTheDataDirectorysOutput() throws IOException {
        DeidqProperties deidq = new DeidqProperties(tmp.resolve("data"), null, List.of());
        UploadConfiguration configuration = new UploadConfiguration();
        UploadProperties unset = new UploadProperties(Path.of(""));

        configuration.imageSink(unset, deidq).store("2.25.1.dcm", Files.write(tmp.resolve("a.dcm"), new byte[] {1}));
        configuration.metadataSink(unset, deidq).store("2.25.1.json", Map.of("Modality", "CT"));

        assertThat(tmp.resolve("data/output/images/2.25.1.dcm")).exists();
        assertThat(tmp.resolve("data/output/metadata/2.25.1.json")).exists();
    }

    @Test
    void anOutputDirectoryGivenIsUsed() throws IOException {
        DeidqProperties deidq = new DeidqProperties(tmp.resolve("data"), null, List.of());

        new UploadConfiguration().imageSink(new UploadProperties(tmp.resolve("out")), deidq)
                .store("2.25.1.dcm", Files.write(tmp.resolve("a.dcm"), new byte[] {1}));

        assertThat(tmp.resolve("out/images/2.25.1.dcm")).exists();
    }
}
