package io.deidq.receiver;

import io.deidq.batch.BatchAssembly;
import io.deidq.batch.Image;
import io.deidq.batch.ReceivedAssociation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The group commit: the directories fsynced for it, what goes into one transaction, what a refusal
 * or a failure does to the others, and closing.
 */
@Timeout(60)
class ImageRecorderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Directory fsyncs and commits, in the order they happened. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Database database = new Database(events);
    private final AtomicBoolean syncFails = new AtomicBoolean();
    private final ImageRecorder recorder = new ImageRecorder(database, directory -> {
        if (syncFails.get()) {
            throw new IOException("fsync failed");
        }
        events.add("fsync " + directory);
    });
    private final List<Thread> senders = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        database.open();
        recorder.close();
    }

    @Test
    void imagesArrivingDuringACommitGoTogetherIntoTheNext() throws Exception {
        database.hold();
        Future<Boolean> first = record("1");
        await().atMost(WAIT).until(() -> database.calls.size() == 1);
        List<Future<Boolean>> next = List.of(record("2"), record("3"), record("4"));
        awaitAllWaiting();
        database.open();
        assertThat(first.get()).isTrue();
        for (Future<Boolean> image : next) {
            assertThat(image.get()).isTrue();
        }
        assertThat(database.calls).extracting(List::size).containsExactly(1, 3);
    }

    @Test
    void ofOneInstanceTwiceInAGroupOnlyTheFirstIsNew() throws Exception {
        database.record("resent");
        assertThat(record("resent").get()).isFalse();
        database.hold();
        Future<Boolean> blocker = record("0");
        await().atMost(WAIT).until(() -> database.calls.size() == 2);
        Future<Boolean> first = record("twin");
        awaitAllWaiting();
        Future<Boolean> second = record("twin");
        awaitAllWaiting();
        database.open();
        assertThat(blocker.get()).isTrue();
        assertThat(first.get()).isTrue();
        assertThat(second.get()).isFalse();
    }

    @Test
    void theDirectoriesOfAGroupAreFsyncedOnceEachBeforeItsCommit() throws Exception {
        database.hold();
        Future<Boolean> first = record("1", "day-1");
        await().atMost(WAIT).until(() -> database.calls.size() == 1);
        List<Future<Boolean>> next = List.of(record("2", "day-1"), record("3", "day-2"), record("4", "day-1"));
        awaitAllWaiting();
        database.open();
        assertThat(first.get()).isTrue();
        for (Future<Boolean> image : next) {
            assertThat(image.get()).isTrue();
        }
        assertThat(events.subList(0, 2)).containsExactly("fsync day-1", "commit [1]");
        assertThat(events.subList(2, 4)).containsExactlyInAnyOrder("fsync day-1", "fsync day-2");
        assertThat(events.get(4)).startsWith("commit [");
        assertThat(events).hasSize(5);
    }

    @Test
    void aDirectoryThatCannotBeFsyncedFailsItsGroupUnrecorded() throws Exception {
        syncFails.set(true);
        Future<Boolean> image = record("1");

        assertThatThrownBy(image::get).hasCauseInstanceOf(IOException.class).hasMessageContaining("could not be recorded");
        assertThat(database.calls).isEmpty();
        assertThat(database.recorded).isEmpty();
    }

    @Test
    void anImageTheDatabaseRefusesFailsAloneWhileTheOthersOfItsGroupAreRecorded() throws Exception {
        database.hold();
        Future<Boolean> blocker = record("0");
        await().atMost(WAIT).until(() -> database.calls.size() == 1);
        Future<Boolean> good = record("good");
        Future<Boolean> bad = record("refused");
        Future<Boolean> alsoGood = record("also-good");
        awaitAllWaiting();
        database.open();
        assertThat(blocker.get()).isTrue();
        assertThat(good.get()).isTrue();
        assertThat(alsoGood.get()).isTrue();
        assertThatThrownBy(bad::get).hasCauseInstanceOf(IOException.class);
        assertThat(database.recorded).contains("good", "also-good").doesNotContain("refused");
    }

    @Test
    void aDatabaseThatFailsFailsTheGroupOnceNotImageByImage() throws Exception {
        database.hold();
        Future<Boolean> blocker = record("0");
        await().atMost(WAIT).until(() -> database.calls.size() == 1);
        database.down.set(true);
        List<Future<Boolean>> group = List.of(record("a"), record("b"), record("c"));
        awaitAllWaiting();
        database.open();
        assertThatThrownBy(blocker::get).hasCauseInstanceOf(IOException.class);
        for (Future<Boolean> image : group) {
            assertThatThrownBy(image::get).hasCauseInstanceOf(IOException.class);
        }
        assertThat(database.calls).hasSize(2);
    }

    @Test
    void closingCommitsWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        database.hold();
        Future<Boolean> first = record("1");
        await().atMost(WAIT).until(() -> database.calls.size() == 1);
        Future<Boolean> queued = record("2");
        awaitAllWaiting();
        FutureTask<Void> closing = new FutureTask<>(recorder::close, null);
        Thread closer = new Thread(closing, "closer");
        closer.start();
        await().atMost(WAIT).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        assertThatThrownBy(() -> recorder.record(image("late"), Path.of("day"))).isInstanceOf(IOException.class).hasMessageContaining("shutting down");
        database.open();
        closing.get();
        assertThat(first.get()).isTrue();
        assertThat(queued.get()).isTrue();
        assertThat(database.recorded).containsExactly("1", "2");
    }

    @Test
    void aSenderInterruptedWhileWaitingStillLearnsWhetherItsImageWasRecorded() throws Exception {
        database.hold();
        AtomicBoolean interruptedAfterwards = new AtomicBoolean();
        Thread sender = new Thread(() -> {
            try {
                if (recorder.record(image("1"), Path.of("day"))) {
                    interruptedAfterwards.set(Thread.currentThread().isInterrupted());
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        sender.start();
        await().atMost(WAIT).until(() -> database.calls.size() == 1);
        sender.interrupt();
        TimeUnit.MILLISECONDS.sleep(100);
        assertThat(sender.isAlive()).as("still waiting for the commit").isTrue();
        database.open();
        sender.join(Duration.ofSeconds(30).toMillis());
        assertThat(interruptedAfterwards).as("recorded, and the interrupt kept for the caller").isTrue();
    }

    private Future<Boolean> record(String uid) {
        return record(uid, "day");
    }

    /** Records on a thread of its own, like an association, a file in {@code directory}. */
    private Future<Boolean> record(String uid, String directory) {
        FutureTask<Boolean> record = new FutureTask<>(() -> recorder.record(image(uid), Path.of(directory)));
        Thread sender = new Thread(record, "sender-" + uid);
        sender.start();
        senders.add(sender);
        return record;
    }

    /**
     * Every sender started waits for its answer, so its image is queued. For a while: a sender
     * woken from a lock of the queue still shows as waiting for a moment.
     */
    private void awaitAllWaiting() {
        await().atMost(WAIT).during(Duration.ofMillis(200))
                .until(() -> senders.stream().allMatch(t -> t.getState() == Thread.State.WAITING || !t.isAlive()));
    }

    private static Image image(String uid) {
        return new Image(uid, "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1", "1.2.3", null, "ACC", "images/" + uid + ".dcm", 1,
                "00000000", Instant.now(), "association", null, null);
    }

    /**
     * Batch assembly over a set of UIDs: refuses the UID "refused" as a constraint would, fails
     * whole while down, and holds each call at a gate while the test asks it to.
     */
    private static final class Database implements BatchAssembly {

        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        private final List<String> events;
        final Set<String> recorded = Collections.synchronizedSet(new LinkedHashSet<>());
        final AtomicBoolean down = new AtomicBoolean();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        Database(List<String> events) {
            this.events = events;
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        void record(String uid) {
            recorded.add(uid);
        }

        @Override
        public void associationOpened(ReceivedAssociation association) {
        }

        @Override
        public List<Image> imagesReceived(List<Image> images) {
            calls.add(images.stream().map(Image::sopInstanceUid).toList());
            events.add("commit " + calls.get(calls.size() - 1));
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (down.get()) {
                throw new DataAccessResourceFailureException("the database is down");
            }
            if (images.stream().anyMatch(i -> i.sopInstanceUid().equals("refused"))) {
                throw new DataIntegrityViolationException("check constraint violated");
            }
            List<Image> fresh = new ArrayList<>();
            Set<String> inCall = new HashSet<>();
            for (Image image : images) {
                if (!recorded.contains(image.sopInstanceUid()) && inCall.add(image.sopInstanceUid())) {
                    fresh.add(image);
                }
            }
            fresh.forEach(i -> recorded.add(i.sopInstanceUid()));
            return fresh;
        }

        @Override
        public void associationClosed(String associationId, boolean released) {
        }
    }
}
