package io.deidq.batch;

/** How many images a batch holds. */
public record ImageCount(long batchId, long images) {
}
