package io.deidq.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fake DASHER, a secrets file for it (tokens tok-access-1 and tok-refresh-1, created readable by
 * all, as a careless copy would be), and the settings with which {@link #service()} makes a client.
 */
final class DasherFixture implements AutoCloseable {

    static final String PATIENT = "MRN0424242";

    final DasherFakeServer server;
    final Path secrets;
    final DasherTestSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    DasherFixture(Path directory) throws IOException {
        server = new DasherFakeServer("tok-access-1", "tok-refresh-1");
        Path dir = Files.createDirectories(directory.resolve("secrets"));
        secrets = dir.resolve("dasher.json");
        ObjectNode content = json.createObjectNode()
                .put("accessToken", "tok-access-1")
                .put("client_id", "deidq@example.org")
                .put("refreshToken", "tok-refresh-1")
                .put("token_uri", server.tokenUri().toString());
        Files.writeString(secrets, content.toPrettyString());
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
        settings = new DasherTestSettings(server.base());
    }

    DasherIdentityService service() {
        return new DasherIdentityService(settings.properties(), Map.of("DEIDQ_CLIENT_SECRETS", secrets.toString())::get);
    }

    JsonNode secretsOnDisk() throws IOException {
        return json.readTree(secrets.toFile());
    }

    /** One patient of the test, its items (studies) numbered from 1. */
    static IdentityRequest.Entity patient(String id, int items) {
        List<IdentityRequest.Item> studies = new ArrayList<>(items);
        for (int i = 1; i <= items; i++) {
            studies.add(new IdentityRequest.Item("ACC" + i, "DCM Accession #", "2010-02-09T11:50:00Z", null));
        }
        return new IdentityRequest.Entity(id, "Stanford MRN", "1961-07-27T00:00:00Z", null, studies);
    }

    static IdentityRequest request(IdentityRequest.Entity... entities) {
        return new IdentityRequest(List.of(entities));
    }

    /** The usual request of one batch: one patient, one study. */
    static IdentityRequest oneStudy() {
        return request(patient(PATIENT, 1));
    }

    @Override
    public void close() {
        server.close();
    }
}
