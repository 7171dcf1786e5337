package io.deidq.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The accepted API keys, held only as SHA-256 digests and compared in constant time, so that
 * neither a heap dump nor response timing gives a key away. Keys are never logged. A key shorter
 * than {@link #MIN_LENGTH} characters stops start-up: it could be guessed.
 */
final class ApiKeys {

    static final int MIN_LENGTH = 16;

    private final List<byte[]> digests = new ArrayList<>();

    ApiKeys(List<String> keys) {
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i).strip();
            if (key.isEmpty()) {
                continue;
            }
            if (key.length() < MIN_LENGTH) {
                throw new IllegalArgumentException("deidq.api-keys[" + i + "] (DEIDQ_API_KEYS) is shorter than " + MIN_LENGTH
                        + " characters; use a long random key, e.g. openssl rand -hex 32");
            }
            digests.add(digest(key));
        }
    }

    boolean none() {
        return digests.isEmpty();
    }

    boolean accepts(String presented) {
        byte[] digest = digest(presented);
        boolean accepted = false;
        for (byte[] known : digests) {
            accepted |= MessageDigest.isEqual(known, digest);
        }
        return accepted;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
