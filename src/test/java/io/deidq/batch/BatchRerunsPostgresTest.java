package io.deidq.batch;

import org.junit.jupiter.api.DisplayName;

/**
 * {@link BatchRerunsContract} on the local PostgreSQL (127.0.0.1:5432, database test), in a schema of
 * its own that is dropped afterwards; skipped, saying so, where no PostgreSQL answers.
 */
@DisplayName("Batch reruns and cancels on PostgreSQL")
class BatchRerunsPostgresTest extends BatchRerunsContract {

    @Override
    String databaseKind() {
        return "postgresql";
    }
}
