package io.deidq.testing;

import io.deidq.DeidqApplication;
import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A database for a test of the running service, as command-line arguments for it: the embedded H2
 * file database under a data directory, or the local PostgreSQL (127.0.0.1:5432, database
 * {@code test}, user postgres, no password) in a schema of this test's own, which Flyway creates
 * and {@link #close()} drops. Tests say which they use by {@link #toString()}; a PostgreSQL test is
 * skipped, saying so, where no PostgreSQL answers.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String POSTGRES_USER = "postgres";

    private final String name;
    private final Path dataDir;
    private final String schema;

    private TestDatabase(String name, Path dataDir, String schema) {
        this.name = name;
        this.dataDir = dataDir;
        this.schema = schema;
    }

    /** {@code kind} "h2" or "postgresql"; the data directory is the service's in both cases. */
    public static TestDatabase open(String kind, Path dataDir) {
        Objects.requireNonNull(dataDir, "the service's data directory");
        return switch (kind) {
            case "h2" -> new TestDatabase("H2 (file database under " + dataDir + ")", dataDir, null);
            case "postgresql" -> {
                Assumptions.assumeTrue(postgresAnswers(), "no PostgreSQL answers at " + POSTGRES_URL + ": this test needs it");
                String schema = "deidq_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                yield new TestDatabase("PostgreSQL (" + POSTGRES_URL + ", schema " + schema + ")", dataDir, schema);
            }
            default -> throw new IllegalArgumentException("no test database of kind " + kind);
        };
    }

    /** The service's arguments: its data directory, and the database when it is not the embedded one. */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of("--deidq.data-dir=" + dataDir));
        arguments.addAll(databaseArguments());
        return arguments;
    }

    /**
     * The database arguments alone, for processes that share this PostgreSQL schema with data
     * directories of their own; none for H2, which lives in the data directory.
     */
    public List<String> databaseArguments() {
        if (schema == null) {
            return List.of();
        }
        return List.of(
                "--spring.datasource.url=" + POSTGRES_URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + POSTGRES_USER,
                "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema);
    }

    /** A connection of the test's own to this PostgreSQL schema, to read what the service processes wrote while they run. */
    public Connection connect() throws SQLException {
        if (schema == null) {
            throw new IllegalStateException("the H2 file database is locked by the service that runs on it; only PostgreSQL takes a test's connection beside it");
        }
        return DriverManager.getConnection(POSTGRES_URL + "?currentSchema=" + schema, POSTGRES_USER, "");
    }

    /** The application on this database in the role identity alone, without web server: the database side of deidq, nothing listening. */
    public ConfigurableApplicationContext startApplication(String... arguments) {
        List<String> all = new ArrayList<>(arguments());
        all.add("--deidq.roles=identity");
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(DeidqApplication.class).web(WebApplicationType.NONE).run(all.toArray(String[]::new));
    }

    @Override
    public void close() throws SQLException {
        if (schema == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Whether the local PostgreSQL takes a connection, within 5 s. */
    public static boolean postgresAnswers() {
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
