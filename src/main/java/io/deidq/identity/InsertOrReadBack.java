package io.deidq.identity;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

import java.util.function.Supplier;

/**
 * Runs an attempt that reads what exists and inserts what is missing, again when the database
 * refused an insert because another transaction inserted the same key first (or a random
 * pseudonym collided, or two transactions waited on each other): the next attempt reads back
 * what the other committed. Each refusal means some other transaction made progress, so a few
 * attempts suffice; after the last the refusal is thrown.
 */
final class InsertOrReadBack {

    static final int ATTEMPTS = 10;

    private InsertOrReadBack() {
    }

    static <T> T run(Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
                if (n == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }
}
