package io.deidq.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A StoreHandler that keeps what it is given: each request with the bytes of its data set, what
 * the stream threw, and how each association ended. It answers as {@code answer} says.
 */
final class RecordingHandler implements StoreHandler {

    /** Long enough for a loaded machine: waits end as soon as the event happens. */
    static final long WAIT_SECONDS = 20;

    record Received(StoreRequest request, byte[] dataSet) {
    }

    private final Function<StoreRequest, StoreResult> answer;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<IOException> streamFailures = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> closings = new LinkedBlockingQueue<>();
    private final Queue<Boolean> noDelay = new ConcurrentLinkedQueue<>();
    private volatile Runnable whileStoring = () -> { };

    RecordingHandler() {
        this(request -> StoreResult.SUCCESS);
    }

    RecordingHandler(Function<StoreRequest, StoreResult> answer) {
        this.answer = answer;
    }

    /** Runs in each store, after the first bytes of the data set are read and before the rest. */
    void whileStoring(Runnable action) {
        whileStoring = action;
    }

    @Override
    public StoreResult store(StoreRequest request, InputStream dataSet) throws IOException {
        try {
            byte[] first = dataSet.readNBytes(1);
            whileStoring.run();
            byte[] rest = dataSet.readAllBytes();
            byte[] all = new byte[first.length + rest.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            received.add(new Received(request, all));
        } catch (IOException e) {
            streamFailures.add(e);
            throw e;
        }
        return answer.apply(request);
    }

    @Override
    public void opened(Association association) {
        try {
            noDelay.add(association.socket().getTcpNoDelay());
        } catch (IOException e) {
            noDelay.add(false);
        }
    }

    @Override
    public void closed(Association association, boolean released) {
        closings.add(released);
    }

    /** Whether the connection of each association opened so far had TCP_NODELAY set. */
    List<Boolean> noDelay() {
        return List.copyOf(noDelay);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** What the data set stream threw, once it has. */
    IOException nextStreamFailure() throws InterruptedException {
        return streamFailures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** How the next association to end ended (true: released), once it has. */
    Boolean nextClosing() throws InterruptedException {
        return closings.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
