package io.deidq;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PostConstruct;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Creates the data directory at start-up, so that a fresh checkout runs with no setup; owner-only,
 * as it holds the database and the spool of received images.
 */
@Component
class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private final DeidqProperties properties;

    DataDirectory(DeidqProperties properties) {
        this.properties = properties;
    }

    @PostConstruct
    void create() {
        try {
            Files.createDirectories(properties.dataDir(), OwnerOnly.DIRECTORY);
            log.info("data directory {}", properties.dataDir().toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + properties.dataDir().toAbsolutePath(), e);
        }
    }
}
