package io.deidq.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The secrets file is found through DEIDQ_CLIENT_SECRETS, then STANFORD_CLIENT_SECRETS; what is wrong with it stops the client at start-up. */
class DasherSecretsFileTest {

    private static final String SECRETS = "{\"accessToken\": \"tok-a\", \"refreshToken\": \"tok-r\", \"client_id\": \"me@example.org\","
            + " \"token_uri\": \"https://dasher.example.org/token\"}";

    @RegisterExtension
    final DasherLogCapture log = new DasherLogCapture();

    @TempDir
    Path dir;

    @Test
    void deidqsVariableComesFirstAndSomToolsOneAfter() throws Exception {
        Path ours = Files.writeString(dir.resolve("ours.json"), SECRETS);
        Path theirs = Files.writeString(dir.resolve("theirs.json"), SECRETS);

        assertThat(DasherSecretsFile.locate(Map.of("DEIDQ_CLIENT_SECRETS", ours.toString(), "STANFORD_CLIENT_SECRETS", theirs.toString())::get)
                .path()).isEqualTo(ours);
        assertThat(DasherSecretsFile.locate(Map.of("STANFORD_CLIENT_SECRETS", theirs.toString())::get).path()).isEqualTo(theirs);
        assertThat(DasherSecretsFile.locate(Map.of("DEIDQ_CLIENT_SECRETS", " ", "STANFORD_CLIENT_SECRETS", theirs.toString())::get).path())
                .as("an empty variable counts as unset").isEqualTo(theirs);
    }

    @Test
    void theCredentialsAreReadAndPrintWithoutTheirTokens() throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.json"), SECRETS);

        DasherCredentials credentials = new DasherSecretsFile(file, "DEIDQ_CLIENT_SECRETS").read();

        assertThat(credentials.accessToken()).isEqualTo("tok-a");
        assertThat(credentials.refreshToken()).isEqualTo("tok-r");
        assertThat(credentials.tokenUri()).isEqualTo(URI.create("https://dasher.example.org/token"));
        assertThat(credentials.clientId()).isEqualTo("me@example.org");
        assertThat(credentials.toString()).contains("https://dasher.example.org/token").doesNotContain(DasherLogCapture.TOKEN_MARK);
    }

    @Test
    void withoutEitherVariableTheClientDoesNotStart() {
        IllegalStateException failure = catchThrowableOfType(() -> service(Map.of()), IllegalStateException.class);

        assertThat(failure).hasMessageContaining("neither DEIDQ_CLIENT_SECRETS nor STANFORD_CLIENT_SECRETS is set");
    }

    @Test
    void aMissingFileStopsTheClientNamingTheFileAndTheVariable() {
        Path missing = dir.resolve("nowhere.json");

        IllegalStateException failure = catchThrowableOfType(() -> service(Map.of("STANFORD_CLIENT_SECRETS", missing.toString())),
                IllegalStateException.class);

        assertThat(failure).hasMessageContaining("cannot read the DASHER secrets file " + missing + " (named by STANFORD_CLIENT_SECRETS)")
                .hasMessageContaining("NoSuchFileException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"accessToken", "refreshToken", "token_uri"})
    void aMissingKeyStopsTheClientNamingTheKey(String key) throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.json"), SECRETS.replace("\"" + key + "\"", "\"x" + key + "\""));

        IllegalStateException failure = catchThrowableOfType(() -> service(Map.of("DEIDQ_CLIENT_SECRETS", file.toString())),
                IllegalStateException.class);

        assertThat(failure).hasMessageContaining("the DASHER secrets file " + file + " (named by DEIDQ_CLIENT_SECRETS) has no " + key);
        DasherLogCapture.assertNoTokenIn(failure);
    }

    @Test
    void aFileThatIsNotJsonIsToldWithoutQuotingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.json"), "{\"accessToken\": tok-unquoted, \"refreshToken\": \"tok-r\"}");

        IllegalStateException failure = catchThrowableOfType(() -> service(Map.of("DEIDQ_CLIENT_SECRETS", file.toString())),
                IllegalStateException.class);

        assertThat(failure).hasMessageContaining("is not JSON (line 1, column");
        DasherLogCapture.assertNoTokenIn(failure);
    }

    @Test
    void aTokenUriThatIsNotAnHttpUrlStopsTheClient() throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.json"), SECRETS.replace("https://dasher.example.org/token", "file:///etc/passwd"));

        IllegalStateException failure = catchThrowableOfType(() -> service(Map.of("DEIDQ_CLIENT_SECRETS", file.toString())),
                IllegalStateException.class);

        assertThat(failure).hasMessageContaining("has a token_uri that is not an absolute http or https URL");
    }

    @Test
    void aSecretsFileOthersCanReadIsWarnedAbout() throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.json"), SECRETS);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));

        service(Map.of("DEIDQ_CLIENT_SECRETS", file.toString()));

        assertThat(log.messages(ch.qos.logback.classic.Level.WARN))
                .anyMatch(message -> message.contains(file.toString()) && message.contains("accessible to other users (rw-r-----)"));
    }

    private static DasherIdentityService service(Map<String, String> environment) {
        return new DasherIdentityService(new DasherTestSettings(URI.create("http://127.0.0.1:9/api")).properties(), environment::get);
    }
}
