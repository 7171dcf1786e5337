package io.deidq.pipeline;

import org.junit.jupiter.api.DisplayName;

/** {@link SweeperDatabaseContract} on H2, the embedded default (a file database under the test's data directory). */
@DisplayName("Sweeper on H2 (role worker, embedded Qpid Broker-J)")
class SweeperH2Test extends SweeperDatabaseContract {

    @Override
    String databaseKind() {
        return "h2";
    }
}
