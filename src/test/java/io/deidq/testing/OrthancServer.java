package io.deidq.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orthanc (Debian's orthanc package) as a peer: a plain process with its own JSON configuration,
 * its DICOM and HTTP ports free loopback ports, its storage in a directory of the test's. Its REST
 * API tells what it stored. Orthanc 1.10 cannot bind to one address: it listens on all, but HTTP
 * takes requests from localhost only (RemoteAccessAllowed false).
 */
public final class OrthancServer implements AutoCloseable {

    public static final String AE_TITLE = "ORTHANC";

    private static final String EXECUTABLE = "/usr/sbin/Orthanc";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int dicomPort;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private OrthancServer(Process process, int dicomPort, int httpPort) {
        this.process = process;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
    }

    public static OrthancServer start(Path directory) {
        assertThat(Files.isExecutable(Path.of(EXECUTABLE)))
                .as("Orthanc is not installed: apt-get install -y orthanc, as .ci/run does").isTrue();
        int dicomPort = LocalPorts.free();
        int httpPort = LocalPorts.free();
        try {
            Files.createDirectories(directory);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("Name", "deidq-test");
            config.put("StorageDirectory", directory.resolve("storage").toString());
            config.put("IndexDirectory", directory.resolve("index").toString());
            config.put("Plugins", List.of());
            config.put("HttpServerEnabled", true);
            config.put("HttpPort", httpPort);
            config.put("RemoteAccessAllowed", false);
            config.put("AuthenticationEnabled", false);
            config.put("DicomServerEnabled", true);
            config.put("DicomAet", AE_TITLE);
            config.put("DicomPort", dicomPort);
            config.put("DicomCheckCalledAet", true);
            config.put("DicomAlwaysAllowStore", true);
            config.put("DicomAlwaysAllowEcho", true);
            config.put("StorageCompression", false);
            config.put("SaveJobs", false);
            Path file = directory.resolve("orthanc.json");
            JSON.writeValue(file.toFile(), config);
            ProcessBuilder builder = new ProcessBuilder(EXECUTABLE, file.toString()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("orthanc.log").toFile());
            builder.environment().put("TCP_NODELAY", "1");
            OrthancServer orthanc = new OrthancServer(builder.start(), dicomPort, httpPort);
            LocalPorts.awaitListening(httpPort, orthanc.process, "Orthanc", Duration.ofSeconds(30));
            LocalPorts.awaitListening(dicomPort, orthanc.process, "Orthanc", Duration.ofSeconds(30));
            return orthanc;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Orthanc", e);
        }
    }

    public int dicomPort() {
        return dicomPort;
    }

    public long instanceCount() {
        return get("/statistics").get("CountInstances").asLong();
    }

    /** Every instance stored: its SOP Instance UID and its Part 10 file as Orthanc keeps it. */
    public Map<String, byte[]> instances() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        get("/instances").forEach(id -> ids.add(id.asText()));
        for (String id : ids) {
            String uid = get("/instances/" + id).get("MainDicomTags").get("SOPInstanceUID").asText();
            files.put(uid, bytes("/instances/" + id + "/file"));
        }
        return files;
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(bytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(String path) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("Orthanc GET %s", path).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Orthanc GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
