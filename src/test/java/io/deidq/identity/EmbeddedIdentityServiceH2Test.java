package io.deidq.identity;

/** {@link EmbeddedIdentityServiceContract} on H2, the embedded default database (a file database under the test's data directory). */
class EmbeddedIdentityServiceH2Test extends EmbeddedIdentityServiceContract {

    @Override
    String databaseKind() {
        return "h2";
    }
}
