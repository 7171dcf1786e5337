package io.deidq;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;

/**
 * Settings shared by every role (config/README.md documents each).
 *
 * @param dataDir             where deidq keeps everything it stores
 * @param minFreeSpace        below this much free space in {@code dataDir}, /health reports DOWN
 */
@ConfigurationProperties(prefix = "deidq")
public record DeidqProperties(Path dataDir, DataSize minFreeSpace) {

    public DeidqProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        if (minFreeSpace == null) {
            minFreeSpace = DataSize.ofGigabytes(1);
        }
    }
}
