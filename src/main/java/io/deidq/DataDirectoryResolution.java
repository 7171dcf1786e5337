package io.deidq;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prepares {@code deidq.data-dir} before anything uses it. It is made absolute, so that a relative
 * one ({@code DEIDQ_DATA_DIR=data2}) means the same everywhere: H2 refuses a database path
 * implicitly relative to the working directory, and the default database URL is built from it.
 * It is created, owner-only, before the database is opened: H2 would otherwise create it with the
 * umask's permissions, readable by every user, and it holds the database and the spool.
 */
class DataDirectoryResolution implements EnvironmentPostProcessor {

    static final String PROPERTY = "deidq.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dataDir = environment.getProperty(PROPERTY);
        if (dataDir == null || dataDir.isBlank()) {
            return;
        }
        Path absolute = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute, OwnerOnly.DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + absolute, e);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("deidq-data-dir", Map.of(PROPERTY, absolute.toString())));
    }
}
