package io.deidq.pipeline;

import io.deidq.batch.Stage;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stage handler for tests: records what it was given, and throws for the batches it is told to fail. */
final class RecordingHandler implements StageHandler {

    private final Stage stage;
    private final List<StageMessage> handled = new CopyOnWriteArrayList<>();
    private final Set<Long> failing = ConcurrentHashMap.newKeySet();

    RecordingHandler(Stage stage) {
        this.stage = stage;
    }

    @Override
    public Stage stage() {
        return stage;
    }

    @Override
    public void handle(StageMessage message) {
        handled.add(message);
        if (failing.contains(message.batchId())) {
            throw new IllegalStateException("test failure of " + message);
        }
    }

    void failFor(long batchId) {
        failing.add(batchId);
    }

    List<StageMessage> of(long batchId) {
        return handled.stream().filter(m -> m.batchId() == batchId).toList();
    }

    List<StageMessage> handled() {
        return List.copyOf(handled);
    }
}
