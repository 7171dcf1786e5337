package io.deidq.pipeline.stage;

import io.deidq.pipeline.FinalStageFailure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a worker cleans and uploads the images of its batches on (deidq.worker.image-threads):
 * cleaning is CPU work, and a sink waits on its disk or network for each image, so a batch's images
 * go through several at a time. Results come back in the order of the images.
 */
public final class ImagePool implements AutoCloseable {

    /** What is done to one image; it may fail as a stage fails. */
    public interface ImageStep<I, O> {
        O apply(I image) throws IOException, FinalStageFailure;
    }

    private final ExecutorService threads;

    public ImagePool(int size) {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, "deidq-image-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code step} applied to every image, the results in their order; the first failure, in that order, is thrown once all ended. */
    public <I, O> List<O> each(List<I> images, ImageStep<I, O> step) throws IOException, FinalStageFailure {
        List<Future<O>> futures = new ArrayList<>(images.size());
        for (I image : images) {
            futures.add(threads.submit(() -> step.apply(image)));
        }
        List<O> results = new ArrayList<>(images.size());
        Throwable failure = null;
        for (Future<O> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the images of a batch were worked on", e);
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof FinalStageFailure finalFailure) {
            throw finalFailure;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return results;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
