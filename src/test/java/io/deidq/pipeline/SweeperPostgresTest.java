package io.deidq.pipeline;

import org.junit.jupiter.api.DisplayName;

/**
 * {@link SweeperDatabaseContract} on the local PostgreSQL (127.0.0.1:5432, database test), in a schema of
 * its own that is dropped afterwards; skipped, saying so, where no PostgreSQL answers.
 */
@DisplayName("Sweeper on PostgreSQL (role worker, embedded Qpid Broker-J)")
class SweeperPostgresTest extends SweeperDatabaseContract {

    @Override
    String databaseKind() {
        return "postgresql";
    }
}
