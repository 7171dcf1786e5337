package io.deidq.identity;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What every test of the DASHER client has: a fake DASHER with its secrets file, fresh for each
 * test, and the capture that fails a test whose log lines hold a token.
 */
abstract class DasherTest {

    @RegisterExtension
    final DasherLogCapture log = new DasherLogCapture();

    @TempDir
    Path dir;

    DasherFixture dasher;

    @BeforeEach
    void startDasher() throws Exception {
        dasher = new DasherFixture(dir);
    }

    @AfterEach
    void stopDasher() {
        dasher.close();
    }
}
