package io.deidq;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Map;

/**
 * Makes {@code deidq.data-dir} absolute before anything reads it, so that a relative one
 * ({@code DEIDQ_DATA_DIR=data2}) means the same everywhere it is used: H2 refuses a database path
 * implicitly relative to the working directory, and the default database URL is built from it.
 */
class DataDirectoryResolution implements EnvironmentPostProcessor {

    static final String PROPERTY = "deidq.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dataDir = environment.getProperty(PROPERTY);
        if (dataDir != null && !dataDir.isBlank()) {
            String absolute = Path.of(dataDir).toAbsolutePath().normalize().toString();
            environment.getPropertySources().addFirst(new MapPropertySource("deidq-data-dir", Map.of(PROPERTY, absolute)));
        }
    }
}
