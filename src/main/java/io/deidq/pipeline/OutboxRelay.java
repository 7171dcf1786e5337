package io.deidq.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox's due rows to the broker, on a thread of its own. Each pass claims up to a
 * batch of due rows in one transaction, publishes them, waits for every confirm, marks the
 * confirmed ones published and commits: a row is published at least once, and twice only when a
 * relay dies (or its database commit fails) between the confirm and the commit; handlers are
 * idempotent. It polls every {@code deidq.outbox.poll-interval}, and at once when
 * {@link #nudge()}d after a commit that queued a stage. While the broker cannot be reached the
 * rows stay, and the relay tries again after a backoff that doubles up to {@code max-backoff}.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

    private final OutboxRows rows;
    private final TransactionTemplate transactions;
    private final StagePublisher publisher;
    private final OutboxProperties settings;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);

    private volatile boolean running;
    private Thread thread;
    private Instant nextCleanup = Instant.MIN;

    public OutboxRelay(OutboxRows rows, TransactionTemplate transactions, StagePublisher publisher, OutboxProperties settings, Clock clock) {
        this.rows = rows;
        this.transactions = transactions;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    /** Asks for a pass now rather than at the next poll. */
    public void nudge() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /**
     * One pass: publishes the due rows of one batch. A row the broker did not take stays
     * unpublished, with its publish attempts counted and the reason.
     */
    public Pass relayDue() {
        Pass pass = transactions.execute(status -> publish(rows.claimDue(clock.instant())));
        return pass == null ? Pass.NONE : pass;
    }

    private Pass publish(List<OutboxRows.Row> due) {
        if (due.isEmpty()) {
            return Pass.NONE;
        }
        Map<OutboxRows.Row, CorrelationData> sent = new LinkedHashMap<>();
        String failure = null;
        try {
            for (OutboxRows.Row row : due) {
                sent.put(row, publisher.send(String.valueOf(row.id()), row.message()));
            }
        } catch (AmqpException e) {
            failure = "the broker cannot be reached: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        List<Long> published = new ArrayList<>();
        long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
        for (Map.Entry<OutboxRows.Row, CorrelationData> entry : sent.entrySet()) {
            try {
                StagePublisher.awaitConfirm(entry.getValue(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                published.add(entry.getKey().id());
            } catch (StagePublisher.NotPublished e) {
                failure = e.getMessage();
            }
        }
        List<Long> failed = due.stream().map(OutboxRows.Row::id).filter(id -> !published.contains(id)).toList();
        Instant now = clock.instant();
        rows.markPublished(published, now);
        if (!failed.isEmpty()) {
            rows.markFailed(failed, failure);
        }
        if (settings.retention().isZero()) {
            rows.deletePublishedBefore(now.plusNanos(1));
        }
        return new Pass(published.size(), failed.size(), failure, due.size() >= settings.batchSize());
    }

    private void run() {
        Duration backoff = null;
        boolean outage = false;
        while (running) {
            Duration wait = settings.pollInterval();
            boolean more = false;
            try {
                Pass pass = relayDue();
                if (pass.failure() != null) {
                    backoff = backoff == null ? settings.pollInterval() : min(backoff.multipliedBy(2), settings.maxBackoff());
                    wait = backoff;
                    if (!outage) {
                        log.warn("Outbox: {} of {} queued stages not published ({}); they stay queued and are tried again with a backoff of up to {}",
                                pass.failed(), pass.published() + pass.failed(), pass.failure(), settings.maxBackoff());
                        outage = true;
                    }
                } else {
                    backoff = null;
                    if (outage && pass.published() > 0) {
                        log.info("Outbox: the broker takes queued stages again");
                        outage = false;
                    }
                    more = pass.full();
                }
                cleanUp();
            } catch (RuntimeException e) {
                backoff = backoff == null ? settings.pollInterval() : min(backoff.multipliedBy(2), settings.maxBackoff());
                wait = backoff;
                log.warn("Outbox: a relay pass failed; trying again in {}", wait, e);
            }
            if (!more) {
                pause(wait, backoff == null);
            }
        }
    }

    private void cleanUp() {
        Instant now = clock.instant();
        if (settings.retention().isZero() || now.isBefore(nextCleanup)) {
            return;
        }
        rows.deletePublishedBefore(now.minus(settings.retention()));
        nextCleanup = now.plus(CLEANUP_INTERVAL);
    }

    /** Waits {@code wait}, or less when nudged and nudges count (not while backing off from a broker that is down). */
    private void pause(Duration wait, boolean nudgeable) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            do {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                if (wake.tryAcquire(left, TimeUnit.NANOSECONDS) && nudgeable) {
                    break;
                }
            } while (running);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        wake.drainPermits();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "deidq-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        try {
            thread.join(settings.confirmTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * What a pass did.
     *
     * @param failure why the rows not published were not, or null when all were
     * @param full    whether it claimed a whole batch, so that more may be due at once
     */
    public record Pass(int published, int failed, String failure, boolean full) {

        static final Pass NONE = new Pass(0, 0, null, false);
    }
}
