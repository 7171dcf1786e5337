package io.deidq.batch;

import org.junit.jupiter.api.DisplayName;

/** {@link BatchRerunsContract} on H2, the embedded default (a file database under the test's data directory). */
@DisplayName("Batch reruns and cancels on H2")
class BatchRerunsH2Test extends BatchRerunsContract {

    @Override
    String databaseKind() {
        return "h2";
    }
}
