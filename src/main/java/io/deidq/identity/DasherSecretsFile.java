package io.deidq.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deidq.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The DASHER secrets file (seed 000): a JSON object with accessToken, refreshToken, token_uri and
 * client_id, named by the environment variable DEIDQ_CLIENT_SECRETS or, as som-tools named it,
 * STANFORD_CLIENT_SECRETS. Refreshed tokens are written back to it, since the refresh token that
 * bought them may be spent; every rewrite goes through a temporary file in the same directory,
 * fsynced and renamed over the old one, so that a crash or a concurrent reader never meets half a
 * file, and the new file is readable by deidq's user only. Its keys other than the two tokens are
 * kept as they were. Messages name the file and the variable, and never quote the file's content.
 */
final class DasherSecretsFile {

    static final List<String> VARIABLES = List.of("DEIDQ_CLIENT_SECRETS", "STANFORD_CLIENT_SECRETS");

    private static final Logger log = LoggerFactory.getLogger(DasherSecretsFile.class);
    private static final Set<PosixFilePermission> SHARED = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final Path file;
    private final String variable;
    private final ObjectMapper json = new ObjectMapper();

    DasherSecretsFile(Path file, String variable) {
        this.file = file;
        this.variable = variable;
    }

    /** The file the first set variable of {@link #VARIABLES} names, looked up through {@code environment}. */
    static DasherSecretsFile locate(UnaryOperator<String> environment) throws DasherSecretsException {
        for (String name : VARIABLES) {
            String value = environment.apply(name);
            if (value != null && !value.isBlank()) {
                return new DasherSecretsFile(Path.of(value.strip()), name);
            }
        }
        throw new DasherSecretsException("the DASHER client needs its secrets file, and neither " + String.join(" nor ", VARIABLES)
                + " is set: set one of them to the path of the JSON file holding accessToken, refreshToken, token_uri and client_id");
    }

    Path path() {
        return file;
    }

    /** How messages name the file: its path and the variable that named it. */
    String describe() {
        return file + " (named by " + variable + ")";
    }

    DasherCredentials read() throws DasherSecretsException {
        ObjectNode secrets = readObject();
        String accessToken = requiredText(secrets, "accessToken");
        String refreshToken = requiredText(secrets, "refreshToken");
        String tokenUri = requiredText(secrets, "token_uri");
        URI uri;
        try {
            uri = new URI(tokenUri.strip());
        } catch (java.net.URISyntaxException e) {
            throw new DasherSecretsException("the DASHER secrets file " + describe() + " has a token_uri that is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new DasherSecretsException("the DASHER secrets file " + describe() + " has a token_uri that is not an absolute http or https URL");
        }
        JsonNode clientId = secrets.get("client_id");
        return new DasherCredentials(accessToken, refreshToken, uri, clientId == null || clientId.isNull() ? null : clientId.asText());
    }

    /** Says so when others than deidq's user may read the tokens; the next rewrite makes the file owner-only. */
    void warnIfShared() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(SHARED::contains)) {
                log.warn("the DASHER secrets file {} is accessible to other users ({}): make it rw------- (deidq rewrites it so"
                        + " at the next token refresh)", describe(), PosixFilePermissions.toString(permissions));
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("cannot read the permissions of the DASHER secrets file {}: {}", describe(), e.toString());
        }
    }

    /** Replaces the two tokens in the file, atomically and owner-only, keeping its other keys. */
    void replaceTokens(String accessToken, String refreshToken) throws DasherSecretsException {
        ObjectNode secrets = readObject();
        secrets.put("accessToken", accessToken);
        secrets.put("refreshToken", refreshToken);
        Path target;
        Path temporary;
        try {
            // A symbolic link is followed, so that the file it points at is the one rewritten, not the link replaced.
            target = file.toRealPath();
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp", OwnerOnly.FILE);
        } catch (IOException e) {
            throw new DasherSecretsException("cannot write the refreshed tokens next to the DASHER secrets file " + describe() + ": " + e, e);
        }
        try {
            byte[] content = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(secrets);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new DasherSecretsException("cannot write the refreshed tokens to the DASHER secrets file " + describe() + ": " + e, e);
        }
        fsyncDirectory(target.getParent());
    }

    private ObjectNode readObject() throws DasherSecretsException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DasherSecretsException("cannot read the DASHER secrets file " + describe() + ": " + e, e);
        }
        JsonNode secrets;
        try {
            secrets = json.readTree(content);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text, which may be a token: only the place is told.
            throw new DasherSecretsException("the DASHER secrets file " + describe() + " is not JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new DasherSecretsException("cannot read the DASHER secrets file " + describe() + ": " + e, e);
        }
        if (!(secrets instanceof ObjectNode object)) {
            throw new DasherSecretsException("the DASHER secrets file " + describe() + " is not a JSON object");
        }
        return object;
    }

    private String requiredText(ObjectNode secrets, String key) throws DasherSecretsException {
        JsonNode value = secrets.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new DasherSecretsException("the DASHER secrets file " + describe() + " has no " + key
                    + " (a non-empty string); deidq needs accessToken, refreshToken and token_uri");
        }
        return value.asText();
    }

    /** Makes the rename durable; it has happened already, so a failure here is told, not thrown. */
    private void fsyncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.warn("rewrote the DASHER secrets file {}, but cannot fsync its directory: {}", describe(), e.toString());
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            log.warn("cannot delete the temporary file {}: {}", temporary, e.toString());
        }
    }
}
