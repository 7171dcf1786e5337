package io.deidq;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryResolutionTest {

    @TempDir
    Path tmp;

    @Test
    void aRelativeDataDirectoryBecomesAbsoluteAndSoDoesTheDatabaseUrlBuiltFromIt() throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(tmp.resolve("data2"));
        StandardEnvironment environment = environment(relative.resolve("../data3").toString());

        new DataDirectoryResolution().postProcessEnvironment(environment, null);

        String absolute = tmp.resolve("data3").toString();
        assertThat(environment.getProperty("deidq.data-dir")).isEqualTo(absolute);
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:file:" + absolute + "/db/deidq");
    }

    @Test
    void theDataDirectoryIsCreatedOwnerOnlyBeforeTheDatabaseCanCreateItAndAnExistingOneIsLeftAsItIs() throws IOException {
        Path fresh = tmp.resolve("fresh/data");
        new DataDirectoryResolution().postProcessEnvironment(environment(fresh.toString()), null);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");

        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));
        StandardEnvironment environment = environment(existing.toString());
        new DataDirectoryResolution().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("deidq.data-dir")).isEqualTo(existing.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwxr-x---");
    }

    private static StandardEnvironment environment(String dataDir) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("test", Map.of("deidq.data-dir", dataDir,
                "spring.datasource.url", "jdbc:h2:file:${deidq.data-dir}/db/deidq")));
        return environment;
    }
}
