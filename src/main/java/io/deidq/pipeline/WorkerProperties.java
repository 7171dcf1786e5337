package io.deidq.pipeline;

import io.deidq.batch.Stage;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a worker consumes its stage queues and keeps its runs (config/README.md, "Broker and queues" and "Workers").
 *
 * @param concurrency       consumers per stage queue, each on a thread of its own
 * @param prefetch          unacknowledged messages the broker hands each consumer at once
 * @param recoveryInterval  how long a consumer waits before it reconnects to a broker that went away
 * @param stagingDirectory  where clean puts cleaned files until upload sent them; null for data-dir/staging
 * @param spoolRetention    how long a DONE batch's spool files and staging directory are kept
 * @param heartbeatInterval how often a running stage tells the database its worker is alive
 * @param stageTimeout      a run whose worker gave no sign of life for this long is abandoned by the sweeper and its stage queued again
 * @param sweepInterval     how often the sweeper looks for abandoned runs, lost messages and batches to release
 * @param imageThreads      threads a worker cleans and uploads a batch's images on, shared by its batches
 * @param pauseInStage      crash tests only: a worker pauses for ever after this stage's work, before recording it; null never
 */
@ConfigurationProperties(prefix = "deidq.worker")
public record WorkerProperties(int concurrency, int prefetch, Duration recoveryInterval, Path stagingDirectory,
                               Duration spoolRetention, Duration heartbeatInterval, Duration stageTimeout, Duration sweepInterval,
                               int imageThreads, Stage pauseInStage) {

    public WorkerProperties {
        if (concurrency == 0) {
            concurrency = 2;
        }
        if (prefetch == 0) {
            prefetch = 1;
        }
        if (recoveryInterval == null) {
            recoveryInterval = Duration.ofSeconds(2);
        }
        if (stagingDirectory != null && stagingDirectory.toString().isEmpty()) {
            stagingDirectory = null;
        }
        if (spoolRetention == null) {
            spoolRetention = Duration.ofDays(1);
        }
        if (heartbeatInterval == null) {
            heartbeatInterval = Duration.ofSeconds(10);
        }
        if (stageTimeout == null) {
            stageTimeout = Duration.ofMinutes(2);
        }
        if (sweepInterval == null) {
            sweepInterval = Duration.ofSeconds(30);
        }
        if (imageThreads == 0) {
            imageThreads = 4;
        }
        if (concurrency < 0 || prefetch < 0 || imageThreads < 0) {
            throw new IllegalArgumentException("deidq.worker.concurrency, prefetch and image-threads must be positive");
        }
        if (stageTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("deidq.worker.stage-timeout (" + stageTimeout + ") must be at least twice"
                    + " deidq.worker.heartbeat-interval (" + heartbeatInterval + "), or live runs would be abandoned");
        }
    }

    /** The staging directory: {@link #stagingDirectory()} when set, else {@code dataDir/staging}. */
    public Path stagingDirectory(Path dataDir) {
        return stagingDirectory != null ? stagingDirectory : dataDir.resolve("staging");
    }
}
