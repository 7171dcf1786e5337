package io.deidq.batch;

import java.util.Locale;

/** The stages a batch goes through, in order (DESIGN.md, "Data flow"); each is a queue and a stateless handler. */
public enum Stage {
    GET_IDENTIFIERS,
    PREPARE_REQUEST,
    IDENTIFY,
    UPDATE,
    CLEAN,
    UPLOAD;

    /** The stage after this one, or null after the last. */
    public Stage next() {
        Stage[] stages = values();
        return ordinal() + 1 < stages.length ? stages[ordinal() + 1] : null;
    }

    /** As queues and messages spell it: {@code get-identifiers}. */
    public String queueName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
