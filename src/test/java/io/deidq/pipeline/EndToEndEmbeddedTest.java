package io.deidq.pipeline;

import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;
import java.util.List;

/** The embedded default: H2 file database under the data directory, embedded Qpid Broker-J. */
@DisplayName("End to end: storescu to output (H2, embedded Qpid Broker-J)")
class EndToEndEmbeddedTest extends EndToEndContract {

    @Override
    List<String> infrastructure(Path dataDir) {
        return List.of();
    }
}
