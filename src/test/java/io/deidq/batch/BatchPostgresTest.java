package io.deidq.batch;

import org.junit.jupiter.api.DisplayName;

/**
 * {@link BatchDatabaseContract} on the local PostgreSQL (127.0.0.1:5432, database test), in a schema of
 * its own that is dropped afterwards; skipped, saying so, where no PostgreSQL answers.
 */
@DisplayName("Batches on PostgreSQL")
class BatchPostgresTest extends BatchDatabaseContract {

    @Override
    String databaseKind() {
        return "postgresql";
    }
}
