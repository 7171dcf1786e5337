package io.deidq.pipeline;

/**
 * A stage failed in a way that trying again cannot mend: a bad header, a recipe that refuses an
 * image, a request the identity service rejects. The batch is FAILED at once with the reason, for
 * an operator to rerun once the cause is fixed, instead of spending its attempts. The message names
 * images by their row ids and fields by name, never by value.
 */
public class FinalStageFailure extends Exception {

    public FinalStageFailure(String message) {
        super(message);
    }

    public FinalStageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
