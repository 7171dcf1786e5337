package io.deidq.receiver;

import io.deidq.DeidqApplication;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A process without the receiver role (a worker elsewhere, deidq anonymize) neither listens for DICOM nor touches the spool. */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReceiverRoleTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir);
        registry.add("deidq.roles", () -> "identity");
    }

    @Autowired
    ApplicationContext context;

    @Test
    void noReceiverStartsWithoutTheRole() {
        assertThat(context.getBeansOfType(DicomReceiver.class)).isEmpty();
        assertThat(dataDir.resolve("spool")).doesNotExist();
    }
}
