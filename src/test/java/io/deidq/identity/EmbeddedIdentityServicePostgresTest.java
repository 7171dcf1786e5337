package io.deidq.identity;

/**
 * {@link EmbeddedIdentityServiceContract} on the local PostgreSQL (127.0.0.1:5432, database test), in a
 * schema of its own that is dropped afterwards; skipped, saying so, where no PostgreSQL answers.
 */
class EmbeddedIdentityServicePostgresTest extends EmbeddedIdentityServiceContract {

    @Override
    String databaseKind() {
        return "postgresql";
    }
}
