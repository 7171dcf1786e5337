package io.deidq.batch;

import io.deidq.ConditionalOnRole;
import io.deidq.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Closes receiving batches, every {@code deidq.batch.close-period}, in the receiver role: a batch
 * closes once every association that brought one of its images has ended (released or aborted) and
 * its quiet period has passed since its last image. In one transaction it becomes QUEUED, its
 * open_batch row goes and its first stage is queued ({@link BatchQueue}, an outbox in that same
 * transaction). Several receivers may close at once: the batch's version, read before the check,
 * must still be the row's when it is closed, and an image joining it changes the version; so a
 * batch is closed once, and only as the check saw it.
 */
@Component
@ConditionalOnRole("receiver")
public class BatchCloser implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchCloser.class);

    private static final String QUIET = """
            b.state = 'RECEIVING' and b.last_image_at <= :cutoff
            and not exists (select 1 from image i join received_association a on a.id = i.association_id
                            where i.batch_id = b.id and a.closed_at is null)
            """;
    private static final String CANDIDATES = "select b.id from batch b where " + QUIET + " order by b.id";
    private static final String STILL_QUIET = "select count(*) from batch b where b.id = :id and b.version = :version and " + QUIET;

    private final BatchRepository batches;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final BatchQueue queue;
    private final Duration quietPeriod;
    private final Duration closePeriod;
    private final Clock clock;
    private final PeriodicTask periodic;

    @Autowired
    public BatchCloser(BatchRepository batches, NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
                       BatchQueue queue, BatchProperties properties) {
        this(batches, jdbc, transaction, queue, properties, Clock.systemUTC());
    }

    BatchCloser(BatchRepository batches, NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
                BatchQueue queue, BatchProperties properties, Clock clock) {
        this.batches = batches;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.queue = queue;
        this.quietPeriod = properties.quietPeriod();
        this.closePeriod = properties.closePeriod();
        this.clock = clock;
        this.periodic = new PeriodicTask("batch-closer", closePeriod, closePeriod, this::closeLoggingFailures);
    }

    /**
     * Closes every batch that is due; returns how many it closed. A batch that changed while it was
     * being closed (an image joined it, another receiver closed it) is left for the next look.
     */
    public synchronized int closeQuietBatches() {
        // To the microsecond, as both databases keep it: the time queued is the time recorded.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        MapSqlParameterSource cutoff = new MapSqlParameterSource("cutoff", Timestamp.from(now.minus(quietPeriod)));
        List<Long> due = jdbc.queryForList(CANDIDATES, cutoff, Long.class);
        int closed = 0;
        for (long id : due) {
            try {
                if (Boolean.TRUE.equals(transaction.execute(status -> closeIfQuiet(id, cutoff, now)))) {
                    closed++;
                }
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                log.debug("batch {} changed while being closed; left for the next look", id);
            }
        }
        if (closed > 0) {
            log.info("closed {} batches", closed);
        }
        return closed;
    }

    private boolean closeIfQuiet(long id, MapSqlParameterSource cutoff, Instant now) {
        Batch batch = batches.findById(id).orElse(null);
        if (batch == null || batch.state() != BatchState.RECEIVING) {
            return false;
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource(cutoff.getValues()).addValue("id", id)
                .addValue("version", batch.version());
        Integer quiet = jdbc.queryForObject(STILL_QUIET, parameters, Integer.class);
        if (quiet == null || quiet == 0) {
            return false;
        }
        batch.close(now);
        // The batch row first, as batch assembly locks it first: then the open_batch row.
        batches.flush();
        jdbc.update("delete from open_batch where batch_id = :id", parameters);
        queue.enqueue(id, Stage.GET_IDENTIFIERS, 1, now);
        return true;
    }

    @Override
    public void start() {
        periodic.start();
    }

    /** A failed look is logged and the next one tried: the batches stay receiving meanwhile, nothing is lost. */
    private void closeLoggingFailures() {
        try {
            closeQuietBatches();
        } catch (DataAccessException e) {
            // The database's message may quote values (identifiers): they go to DEBUG only.
            log.warn("cannot close batches: {}; trying again in {}", e.getClass().getSimpleName(), closePeriod);
            log.debug("cannot close batches", e);
        }
    }

    @Override
    public void stop() {
        periodic.stop();
    }

    @Override
    public boolean isRunning() {
        return periodic.running();
    }
}
