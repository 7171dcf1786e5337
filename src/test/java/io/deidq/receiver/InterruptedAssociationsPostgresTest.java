package io.deidq.receiver;

import org.junit.jupiter.api.DisplayName;

/**
 * {@link InterruptedAssociationsContract} on the local PostgreSQL (127.0.0.1:5432, database test), in a
 * schema of its own that is dropped afterwards; skipped, saying so, where no PostgreSQL answers.
 */
@DisplayName("Interrupted associations on PostgreSQL")
class InterruptedAssociationsPostgresTest extends InterruptedAssociationsContract {

    @Override
    String databaseKind() {
        return "postgresql";
    }
}
