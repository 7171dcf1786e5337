package io.deidq;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Says at start-up where deidq keeps its data (created by {@link DataDirectoryResolution}), and
 * warns when other users may read it: it holds the database and the received images.
 */
@Component
class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private final DeidqProperties properties;

    DataDirectory(DeidqProperties properties) {
        this.properties = properties;
    }

    @PostConstruct
    void report() throws IOException {
        log.info("data directory {}", properties.dataDir());
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(properties.dataDir());
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            log.warn("data directory {} can be read by other users than deidq's; it holds patient data (chmod 700 it)",
                    properties.dataDir());
        }
    }
}
