package io.deidq.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every move from every state: the legal ones do exactly what the state machine says, the others throw and change nothing. */
class BatchStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-01-02T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final BatchKey KEY = new BatchKey(BatchKeyKind.ACCESSION_NUMBER, "ACC1");

    /** The states a batch can be in, each with the stage it stands at where that matters to the moves. */
    private static final Map<String, Consumer<Batch>> STATES = Map.of(
            "RECEIVING", batch -> { },
            "QUEUED", batch -> batch.close(T0),
            "RUNNING first stage", batch -> { batch.close(T0); batch.start(Stage.GET_IDENTIFIERS, 1, T0); },
            "RUNNING last stage", BatchStateMachineTest::runUpload,
            "DONE", batch -> { runUpload(batch); batch.done(T0); },
            "FAILED", batch -> { batch.close(T0); batch.start(Stage.GET_IDENTIFIERS, 1, T0); batch.fail("no reason", T0); },
            "CANCELLED", batch -> { batch.close(T0); batch.cancel(T0); });

    private static final Map<String, Consumer<Batch>> MOVES = Map.of(
            "close", batch -> batch.close(T1),
            "start the queued stage", batch -> batch.start(batch.stage(), batch.attempt(), T1),
            "queueNextStage", batch -> batch.queueNextStage(T1),
            "done", batch -> batch.done(T1),
            "retry", batch -> batch.retry("timeout", T1),
            "fail", batch -> batch.fail("refused", T1),
            "rerunFromFailedStage", batch -> batch.rerunFromFailedStage(T1),
            "rerunFromStart", batch -> batch.rerunFromStart(T1),
            "cancel", batch -> batch.cancel(T1));

    private static final Map<String, Set<String>> LEGAL = Map.of(
            "RECEIVING", Set.of("close"),
            "QUEUED", Set.of("start the queued stage", "cancel"),
            "RUNNING first stage", Set.of("queueNextStage", "retry", "fail", "cancel"),
            "RUNNING last stage", Set.of("done", "retry", "fail", "cancel"),
            "DONE", Set.of(),
            "FAILED", Set.of("rerunFromFailedStage", "rerunFromStart", "cancel"),
            "CANCELLED", Set.of());

    private static void runUpload(Batch batch) {
        batch.close(T0);
        for (Stage stage = Stage.GET_IDENTIFIERS; ; stage = stage.next()) {
            batch.start(stage, 1, T0);
            if (stage == Stage.UPLOAD) {
                return;
            }
            batch.queueNextStage(T0);
        }
    }

    static Stream<Arguments> everyStateAndMove() {
        List<Arguments> all = new ArrayList<>();
        STATES.keySet().stream().sorted().forEach(state -> MOVES.keySet().stream().sorted()
                .forEach(move -> all.add(Arguments.of(state, move, LEGAL.get(state).contains(move)))));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}: legal {2}")
    @MethodSource("everyStateAndMove")
    void eachMoveIsLegalOnlyWhereTheStateMachineAllowsIt(String state, String move, boolean legal) {
        Batch batch = batchIn(state);
        BatchState before = batch.state();
        Stage stageBefore = batch.stage();
        int attemptBefore = batch.attempt();
        if (legal) {
            MOVES.get(move).accept(batch);
            assertThat(batch.updatedAt()).isEqualTo(T1);
        } else {
            assertThatThrownBy(() -> MOVES.get(move).accept(batch)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("batch null is " + before).hasMessageContaining("it cannot");
            assertThat(batch.state()).isEqualTo(before);
            assertThat(batch.stage()).isEqualTo(stageBefore);
            assertThat(batch.attempt()).isEqualTo(attemptBefore);
            assertThat(batch.updatedAt()).isEqualTo(T0);
        }
    }

    @Test
    void aNewBatchReceivesWithNoStageAndAttemptZero() {
        Batch batch = new Batch(KEY, "1.2.3", "ACC1", 7L, T0);
        assertThat(batch.state()).isEqualTo(BatchState.RECEIVING);
        assertThat(batch.stage()).isNull();
        assertThat(batch.attempt()).isZero();
        assertThat(batch.key()).isEqualTo(KEY);
        assertThat(batch.previousBatchId()).isEqualTo(7L);
        assertThat(batch.createdAt()).isEqualTo(T0);
        assertThat(batch.closedAt()).isNull();
        assertThat(batch.finishedAt()).isNull();
    }

    @Test
    void closingQueuesTheFirstStageAttemptOne() {
        Batch batch = new Batch(KEY, "1.2.3", "ACC1", null, T0);
        batch.close(T1);
        assertThat(batch.state()).isEqualTo(BatchState.QUEUED);
        assertThat(batch.stage()).isEqualTo(Stage.GET_IDENTIFIERS);
        assertThat(batch.attempt()).isEqualTo(1);
        assertThat(batch.closedAt()).isEqualTo(T1);
    }

    @Test
    void onlyTheQueuedStageAndAttemptStart() {
        Batch batch = batchIn("QUEUED");
        assertThatThrownBy(() -> batch.start(Stage.IDENTIFY, 1, T1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("batch null is QUEUED (GET_IDENTIFIERS, attempt 1): it cannot start IDENTIFY attempt 1");
        assertThatThrownBy(() -> batch.start(Stage.GET_IDENTIFIERS, 2, T1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("batch null is QUEUED (GET_IDENTIFIERS, attempt 1): it cannot start GET_IDENTIFIERS attempt 2");
        batch.start(Stage.GET_IDENTIFIERS, 1, T1);
        assertThat(batch.state()).isEqualTo(BatchState.RUNNING);
    }

    @Test
    void aRetryQueuesTheNextAttemptOfTheSameStageAndKeepsTheError() {
        Batch batch = batchIn("RUNNING first stage");
        batch.retry("identity service unavailable", T1);
        assertThat(batch.state()).isEqualTo(BatchState.QUEUED);
        assertThat(batch.stage()).isEqualTo(Stage.GET_IDENTIFIERS);
        assertThat(batch.attempt()).isEqualTo(2);
        assertThat(batch.error()).isEqualTo("identity service unavailable");
        batch.start(Stage.GET_IDENTIFIERS, 2, T1);
        batch.queueNextStage(T1);
        assertThat(batch.stage()).isEqualTo(Stage.PREPARE_REQUEST);
        assertThat(batch.attempt()).isEqualTo(1);
        assertThat(batch.error()).isNull();
    }

    @Test
    void theLastStageHasNoNextAndOnlyTheLastIsDone() {
        assertThatThrownBy(() -> batchIn("RUNNING last stage").queueNextStage(T1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("batch null is RUNNING (UPLOAD, attempt 1): it cannot queue a stage after UPLOAD, the last");
        assertThatThrownBy(() -> batchIn("RUNNING first stage").done(T1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("batch null is RUNNING (GET_IDENTIFIERS, attempt 1): it cannot be done after GET_IDENTIFIERS, which is not the last stage");
        Batch batch = batchIn("RUNNING last stage");
        batch.done(T1);
        assertThat(batch.state()).isEqualTo(BatchState.DONE);
        assertThat(batch.finishedAt()).isEqualTo(T1);
    }

    @Test
    void aFailedBatchKeepsItsStageAndReasonAndIsRerunFromThatStageOrFromTheStart() {
        Batch batch = batchIn("RUNNING first stage");
        batch.retry("first", T0);
        batch.start(Stage.GET_IDENTIFIERS, 2, T0);
        batch.queueNextStage(T0);
        batch.start(Stage.PREPARE_REQUEST, 1, T0);
        batch.fail("entity 0 has no PatientID", T1);
        assertThat(batch.state()).isEqualTo(BatchState.FAILED);
        assertThat(batch.stage()).isEqualTo(Stage.PREPARE_REQUEST);
        assertThat(batch.error()).isEqualTo("entity 0 has no PatientID");
        assertThat(batch.finishedAt()).isEqualTo(T1);

        batch.rerunFromFailedStage(T1);
        assertThat(batch.state()).isEqualTo(BatchState.QUEUED);
        assertThat(batch.stage()).isEqualTo(Stage.PREPARE_REQUEST);
        assertThat(batch.attempt()).isEqualTo(1);
        assertThat(batch.error()).isNull();
        assertThat(batch.finishedAt()).isNull();

        batch.start(Stage.PREPARE_REQUEST, 1, T1);
        batch.fail("again", T1);
        batch.rerunFromStart(T1);
        assertThat(batch.stage()).isEqualTo(Stage.GET_IDENTIFIERS);
        assertThat(batch.attempt()).isEqualTo(1);
    }

    @Test
    void aLongReasonIsCutToWhatTheRowHolds() {
        Batch batch = batchIn("RUNNING first stage");
        batch.fail("x".repeat(5000), T1);
        assertThat(batch.error()).hasSize(Batch.LONGEST_ERROR);
    }

    @Test
    void aTaskRunFinishesOnce() {
        TaskRun run = new TaskRun(1, Stage.CLEAN, 2, "worker-1", T0);
        assertThat(run.outcome()).isNull();
        run.failed("image 3: cannot read", T1);
        assertThat(run.outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(run.error()).isEqualTo("image 3: cannot read");
        assertThat(run.finishedAt()).isEqualTo(T1);
        assertThatThrownBy(() -> run.succeeded(T1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("task run null (batch 1, CLEAN attempt 2) finished already, FAILED: it cannot finish again, SUCCEEDED");
    }

    private static Batch batchIn(String state) {
        Batch batch = new Batch(KEY, "1.2.3", "ACC1", null, T0);
        STATES.get(state).accept(batch);
        return batch;
    }
}
