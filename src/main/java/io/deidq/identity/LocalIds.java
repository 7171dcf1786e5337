package io.deidq.identity;

import java.util.Optional;

/**
 * What a local identifier, an identifier type or an id source may be, for the embedded service and
 * the GSID API alike: identity is exact string equality, so a value that differs only by padding
 * or an invisible character would silently name another subject. Hence no control characters, no
 * leading or trailing white space, and lengths that the database columns hold.
 */
final class LocalIds {

    static final int MAX_ID_LENGTH = 256;
    static final int MAX_TYPE_LENGTH = 128;

    private LocalIds() {
    }

    /** Why {@code value} cannot be an id of at most {@code maxLength} characters, if it cannot. */
    static Optional<String> problem(String value, int maxLength) {
        if (value.isBlank()) {
            return Optional.of("is empty");
        }
        if (value.length() > maxLength) {
            return Optional.of("is longer than " + maxLength + " characters");
        }
        if (!value.strip().equals(value)) {
            return Optional.of("begins or ends with white space");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("contains a control character");
        }
        return Optional.empty();
    }
}
