package io.deidq;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings shared by every role (config/README.md documents each).
 *
 * @param dataDir      where deidq keeps everything it stores
 * @param minFreeSpace below this much free space in {@code dataDir}, /health reports DOWN and the
 *                     receiver refuses images (A700) rather than fill the disk
 * @param roles        what this process does: receiver, worker, web, identity
 */
@ConfigurationProperties(prefix = "deidq")
public record DeidqProperties(Path dataDir, DataSize minFreeSpace, List<String> roles) {

    public static final List<String> ALL_ROLES = List.of("receiver", "worker", "web", "identity");

    public DeidqProperties {
        if (roles == null || roles.isEmpty()) {
            roles = ALL_ROLES;
        }
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        if (minFreeSpace == null) {
            minFreeSpace = DataSize.ofGigabytes(1);
        }
    }
}
