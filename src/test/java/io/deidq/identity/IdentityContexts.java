package io.deidq.identity;

import io.deidq.DeidqApplication;
import io.deidq.testing.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The service in-process, as a worker uses the embedded identity service: role identity only, no HTTP, on a test database. */
final class IdentityContexts {

    private IdentityContexts() {
    }

    static ConfigurableApplicationContext start(TestDatabase database, String... arguments) {
        List<String> all = new ArrayList<>(database.arguments());
        all.add("--deidq.roles=identity");
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(DeidqApplication.class).web(WebApplicationType.NONE).run(all.toArray(String[]::new));
    }

    static IdentityRequest.Entity patient(String id, String birth, IdentityRequest.Item... studies) {
        return new IdentityRequest.Entity(id, "Stanford MRN", birth, null, List.of(studies));
    }

    static IdentityRequest.Item study(String accession, String date) {
        return new IdentityRequest.Item(accession, "DCM Accession #", date, null);
    }

    static IdentityRequest request(IdentityRequest.Entity... entities) {
        return new IdentityRequest(List.of(entities));
    }

    /** An id no other test uses, since the databases outlive single tests. */
    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
