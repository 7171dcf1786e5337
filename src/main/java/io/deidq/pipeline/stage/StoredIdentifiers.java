package io.deidq.pipeline.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.batch.BatchIdentifiers;
import io.deidq.batch.BatchIdentifiersRepository;
import io.deidq.pipeline.FinalStageFailure;
import io.deidq.pipeline.StageTask;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Function;

/**
 * The identifier stages' results, kept as JSON in the batch's {@link BatchIdentifiers} row: each
 * stage reads what the one before it stored and stores its own, clearing what the later stages
 * made from the earlier value, so that a rerun never mixes two runs' results.
 */
public final class StoredIdentifiers {

    private final BatchIdentifiersRepository rows;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final RunOwnership ownership;

    public StoredIdentifiers(BatchIdentifiersRepository rows, TransactionTemplate transactions, ObjectMapper json, RunOwnership ownership) {
        this.rows = rows;
        this.transactions = transactions;
        this.json = json;
        this.ownership = ownership;
    }

    /** The value a stage before stored in {@code column}, as {@code type}; fails for good when that stage has not stored it. */
    public <T> T read(long batchId, Function<BatchIdentifiers, String> column, String what, String madeBy, Class<T> type)
            throws FinalStageFailure {
        String text = rows.findById(batchId).map(column).orElse(null);
        if (text == null) {
            throw new FinalStageFailure("batch " + batchId + " has no " + what + ": " + madeBy + " has not stored them; rerun from the start");
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the text it read, which is PHI: only where it failed.
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new FinalStageFailure("batch " + batchId + ": its stored " + what + " are not readable as " + type.getSimpleName() + where);
        }
    }

    /**
     * Stores {@code value} as JSON through {@code store}, which also clears the columns the later
     * stages fill; refused when the task's run no longer owns the batch ({@link RunOwnership}).
     */
    public void store(StageTask task, Object value, Store store) {
        long batchId = task.batchId();
        String text;
        try {
            text = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("batch " + batchId + ": cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
        transactions.executeWithoutResult(status -> {
            ownership.check(task);
            BatchIdentifiers row = rows.findById(batchId).orElseGet(() -> new BatchIdentifiers(batchId));
            store.into(row, text);
            rows.save(row);
        });
    }

    /** How a stage's value goes into the row. */
    public interface Store {
        void into(BatchIdentifiers row, String json);
    }

    /** The stores of the four stages, each clearing the later columns. */
    public static Store ids() {
        return (row, text) -> {
            row.ids(text);
            row.request(null);
            row.response(null);
            row.updatedIds(null);
        };
    }

    public static Store request() {
        return (row, text) -> {
            row.request(text);
            row.response(null);
            row.updatedIds(null);
        };
    }

    public static Store response() {
        return (row, text) -> {
            row.response(text);
            row.updatedIds(null);
        };
    }

    public static Store updatedIds() {
        return BatchIdentifiers::updatedIds;
    }
}
