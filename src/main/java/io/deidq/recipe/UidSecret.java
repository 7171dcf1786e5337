package io.deidq.recipe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret new UIDs are derived with. Configured (DEIDQ_UID_SECRET), it must be the same for every
 * process that cleans images, or one study's images would get different UIDs; unconfigured, one is
 * made once and kept owner-only in the data directory, so that UIDs stay the same across restarts.
 */
public final class UidSecret {

    public static final int MIN_BYTES = 16;
    static final String FILE = "uid-secret";

    private UidSecret() {
    }

    public static byte[] resolve(String configured, Path dataDirectory) throws IOException {
        if (configured != null && !configured.isBlank()) {
            byte[] secret = configured.getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_BYTES) {
                throw new IllegalArgumentException("deidq.recipe.uid-secret is " + secret.length + " bytes long; at least "
                        + MIN_BYTES + " are needed");
            }
            return secret;
        }
        Path file = dataDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            create(file);
        }
        byte[] secret = Files.readString(file, StandardCharsets.US_ASCII).trim().getBytes(StandardCharsets.US_ASCII);
        if (secret.length < MIN_BYTES) {
            throw new IOException(file + " holds " + secret.length + " bytes; at least " + MIN_BYTES + " are needed");
        }
        return secret;
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.getParent());
        Path part = Files.createTempFile(file.getParent(), FILE, ".part", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(part, HexFormat.of().formatHex(random) + "\n", StandardCharsets.US_ASCII);
            // A link, unlike a rename, never replaces: of two processes starting at once, the first one's secret stays.
            Files.createLink(file, part);
        } catch (FileAlreadyExistsException raced) {
            // The other process's secret is the one both read.
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
