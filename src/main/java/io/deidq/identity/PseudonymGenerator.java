package io.deidq.identity;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New pseudonyms: random, from a cryptographic generator, never derived from the local identifier,
 * so that nothing about the patient can be computed back from them. GSIDs take the GSID API's form
 * ({@code GSID-} and 16 characters); suids are 16 characters, safe as a PatientID or
 * AccessionNumber and in file names. Both use Crockford's base32 alphabet (digits and uppercase
 * letters without I, L, O, U, which read like digits): 80 random bits, so that a collision, which
 * the database's unique constraints would refuse anyway, practically never happens.
 */
final class PseudonymGenerator {

    static final String GSID_PREFIX = "GSID-";
    static final int LENGTH = 16;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final JitterRange jitter;

    PseudonymGenerator(JitterRange jitter) {
        this.jitter = jitter;
    }

    String gsid() {
        return GSID_PREFIX + randomCharacters();
    }

    String suid() {
        return randomCharacters();
    }

    String subjectId() {
        return UUID.randomUUID().toString();
    }

    int jitterDays() {
        return jitter.draw(random);
    }

    /** A subject that no identifier names yet: all its ids and pseudonyms new. */
    Subject newSubject() {
        return new Subject(subjectId(), gsid(), suid(), jitterDays());
    }

    private String randomCharacters() {
        char[] characters = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            characters[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(characters);
    }
}
