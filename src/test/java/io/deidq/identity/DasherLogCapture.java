package io.deidq.identity;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures every log event of deidq's identity package and of resilience4j, at every level down
 * to TRACE, while a test runs, and after it fails the test if any of them (message, arguments,
 * exceptions and their causes) contains a token. Every token the tests make starts with
 * {@link #TOKEN_MARK}.
 */
final class DasherLogCapture implements BeforeEachCallback, AfterEachCallback {

    static final String TOKEN_MARK = "tok-";

    private static final List<String> LOGGERS = List.of("io.deidq.identity", "io.github.resilience4j");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Level> previous = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.list.clear();
        appender.start();
        previous.clear();
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previous.add(logger.getLevel());
            logger.setLevel(Level.TRACE);
            logger.addAppender(appender);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int i = 0; i < LOGGERS.size(); i++) {
            Logger logger = (Logger) LoggerFactory.getLogger(LOGGERS.get(i));
            logger.detachAppender(appender);
            logger.setLevel(previous.get(i));
        }
        appender.stop();
        assertThat(texts()).filteredOn(text -> text.contains(TOKEN_MARK)).as("log output of the test that carries a token").isEmpty();
    }

    /** The formatted messages logged so far at {@code level} or above. */
    List<String> messages(Level level) {
        synchronized (appender) {
            return appender.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(level))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        synchronized (appender) {
            for (ILoggingEvent event : appender.list) {
                texts.add(event.getFormattedMessage());
                if (event.getArgumentArray() != null) {
                    for (Object argument : event.getArgumentArray()) {
                        texts.add(String.valueOf(argument));
                    }
                }
                for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                    texts.add(thrown.getClassName() + ": " + thrown.getMessage());
                }
            }
        }
        return texts;
    }

    /** Fails if the exception, its causes or what it suppressed say a token anywhere. */
    static void assertNoTokenIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(t.toString()).as("message of %s", t.getClass().getName()).doesNotContain(TOKEN_MARK);
            for (Throwable suppressed : t.getSuppressed()) {
                assertNoTokenIn(suppressed);
            }
        }
    }
}
