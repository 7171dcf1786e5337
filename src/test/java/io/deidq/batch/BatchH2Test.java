package io.deidq.batch;

import org.junit.jupiter.api.DisplayName;

/** {@link BatchDatabaseContract} on H2, the embedded default (a file database under the test's data directory). */
@DisplayName("Batches on H2")
class BatchH2Test extends BatchDatabaseContract {

    @Override
    String databaseKind() {
        return "h2";
    }
}
