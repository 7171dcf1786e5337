package io.deidq.receiver;

import org.junit.jupiter.api.DisplayName;

/** {@link InterruptedAssociationsContract} on H2, the embedded default (a file database under the test's data directory). */
@DisplayName("Interrupted associations on H2")
class InterruptedAssociationsH2Test extends InterruptedAssociationsContract {

    @Override
    String databaseKind() {
        return "h2";
    }
}
