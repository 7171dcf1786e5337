package io.deidq.identity;

import io.deidq.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static io.deidq.identity.IdentityContexts.patient;
import static io.deidq.identity.IdentityContexts.request;
import static io.deidq.identity.IdentityContexts.study;
import static io.deidq.identity.IdentityContexts.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A patient's pseudonyms outlive the process: the service is started, asked, stopped and started
 * again on the same data directory (H2: the same database file) or the same PostgreSQL schema.
 * The second start draws from another jitter range, so that only what was stored can answer alike.
 */
class IdentityRestartTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aPatientHasTheSameSuidAndJitterAfterARestart(String kind) throws Exception {
        IdentityRequest request = request(patient(unique("MRN"), "1961-07-27T00:00:00Z", study(unique("ACC"), "2010-02-04T11:50:00Z")));
        IdentityResponse before;
        IdentityResponse after;
        try (TestDatabase database = TestDatabase.open(kind, dataDir)) {
            try (ConfigurableApplicationContext first = database.startApplication(
                    "--deidq.identity.embedded.jitter.min-days=1", "--deidq.identity.embedded.jitter.max-days=30")) {
                before = first.getBean(IdentityService.class).identify("test", request);
            }
            try (ConfigurableApplicationContext second = database.startApplication(
                    "--deidq.identity.embedded.jitter.min-days=-30", "--deidq.identity.embedded.jitter.max-days=-1")) {
                after = second.getBean(IdentityService.class).identify("test", request);
            }
        }
        assertThat(before.results().get(0).jitter()).as("drawn from 1..30").isPositive();
        assertThat(after).as("on %s", kind).isEqualTo(before);
    }
}
