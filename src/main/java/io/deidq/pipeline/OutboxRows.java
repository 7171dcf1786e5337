package io.deidq.pipeline;

import io.deidq.batch.Stage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The outbox table. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so that relays in several
 * processes take disjoint rows: a row is locked by the relay publishing it until that relay marks
 * it published and commits. PostgreSQL skips the locked rows and gives the next ones; H2 2.3
 * applies the row limit before it skips, so a second relay on H2 gets nothing while the first
 * holds its rows, and never the same row.
 */
public final class OutboxRows {

    static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcTemplate jdbc;
    private final String claimDue;

    public OutboxRows(JdbcTemplate jdbc, int batchSize) {
        this.jdbc = jdbc;
        this.claimDue = "SELECT id, batch_id, stage, attempt FROM outbox WHERE published_at IS NULL AND not_before <= ?"
                + " ORDER BY not_before, id FETCH FIRST " + batchSize + " ROWS ONLY FOR UPDATE SKIP LOCKED";
    }

    public void insert(StageMessage message, Instant notBefore, Instant now) {
        jdbc.update("INSERT INTO outbox (batch_id, stage, attempt, not_before, created_at) VALUES (?, ?, ?, ?, ?)",
                message.batchId(), message.stage().queueName(), message.attempt(), Timestamp.from(notBefore), Timestamp.from(now));
    }

    /** Due rows, locked until the caller's transaction ends; the caller must be in one. */
    public List<Row> claimDue(Instant now) {
        return jdbc.query(claimDue, (rs, n) -> new Row(rs.getLong("id"),
                new StageMessage(rs.getLong("batch_id"), stage(rs.getString("stage")), rs.getInt("attempt"))), Timestamp.from(now));
    }

    public void markPublished(List<Long> ids, Instant now) {
        jdbc.batchUpdate("UPDATE outbox SET published_at = ?, publish_attempts = publish_attempts + 1 WHERE id = ?",
                ids.stream().map(id -> new Object[]{Timestamp.from(now), id}).toList());
    }

    public void markFailed(List<Long> ids, String reason) {
        String error = reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) : reason;
        jdbc.batchUpdate("UPDATE outbox SET publish_attempts = publish_attempts + 1, last_error = ? WHERE id = ?",
                ids.stream().map(id -> new Object[]{error, id}).toList());
    }

    /** Deletes the rows published before {@code cutoff}; answers how many. */
    public int deletePublishedBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ?", Timestamp.from(cutoff));
    }

    /** Rows not published yet, due or not. */
    public int unpublished() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL", Integer.class);
        return count == null ? 0 : count;
    }

    private static Stage stage(String queueName) {
        for (Stage stage : Stage.values()) {
            if (stage.queueName().equals(queueName)) {
                return stage;
            }
        }
        throw new IllegalStateException("an outbox row names the unknown stage '" + queueName + "'");
    }

    /** One unpublished row. */
    public record Row(long id, StageMessage message) {
    }
}
