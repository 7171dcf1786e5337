package io.deidq.recipe;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * pydicom's {@code generate_uid(prefix, entropy_srcs)}: the SHA-512 of the sources' UTF-8, read
 * as a hexadecimal integer, its decimal digits after the prefix, cut to 64 characters. With the
 * original value as the source, one UID always gives the same new one (deid's pydicom_uuid).
 */
final class PydicomUid {

    static final int MAX_LENGTH = 64;
    private static final Pattern PREFIX = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*\\.");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PydicomUid() {
    }

    /** Why pydicom refuses the prefix, or null when it takes it. */
    static String refusal(String prefix) {
        if (prefix.length() > MAX_LENGTH - 1) {
            return "the prefix must be shorter than 64 characters";
        }
        if (!PREFIX.matcher(prefix).matches()) {
            return "the prefix must be digits and dots, ending with a dot (such as 2.25.)";
        }
        return null;
    }

    static String stable(String prefix, String source) {
        return uid(prefix, sha512(source.getBytes(StandardCharsets.UTF_8)));
    }

    /** As pydicom does without entropy sources: from fresh randomness. */
    static String random(String prefix) {
        byte[] entropy = new byte[64];
        RANDOM.nextBytes(entropy);
        return uid(prefix, sha512(entropy));
    }

    private static String uid(String prefix, byte[] hash) {
        String digits = new BigInteger(1, hash).toString();
        return prefix + digits.substring(0, Math.min(digits.length(), MAX_LENGTH - prefix.length()));
    }

    private static byte[] sha512(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
    }
}
