package io.deidq.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StageFailures} until the batch records them: the failure is logged and the stage is not tried again. */
final class LoggedStageFailures implements StageFailures {

    private static final Logger log = LoggerFactory.getLogger(LoggedStageFailures.class);

    @Override
    public void failed(StageMessage message, Exception error) {
        log.warn("{} failed and is not retried", message, error);
    }
}
