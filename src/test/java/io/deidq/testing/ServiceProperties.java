package io.deidq.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;

/**
 * What every test of the running service sets: its data under the test's directory, its DICOM port
 * and its embedded broker's port any free one on loopback.
 */
public final class ServiceProperties {

    private ServiceProperties() {
    }

    public static void embedded(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("deidq.data-dir", dataDir::toString);
        registry.add("deidq.receiver.port", () -> 0);
        registry.add("deidq.receiver.bind-address", () -> "127.0.0.1");
        registry.add("deidq.broker.embedded.port", () -> 0);
    }
}
