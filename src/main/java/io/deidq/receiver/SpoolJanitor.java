package io.deidq.receiver;

import io.deidq.batch.ImageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * At start-up, removes what a crash left in the spool from before: data sets cut off while being
 * received, and files kept but never recorded (their senders were never told they arrived, so they
 * still hold them). Only the spool's own files are looked at. It runs only while no receiver uses
 * the spool ({@link SpoolLock}): every file there is then a leftover.
 */
final class SpoolJanitor {

    private static final Logger log = LoggerFactory.getLogger(SpoolJanitor.class);

    private final SpoolStore spool;
    private final ImageRepository images;

    SpoolJanitor(SpoolStore spool, ImageRepository images) {
        this.spool = spool;
        this.images = images;
    }

    void sweep() throws IOException {
        int partial = 0;
        int unrecorded = 0;
        for (Path file : files(spool.incoming(), SpoolStore.PARTIAL)) {
            Files.deleteIfExists(file);
            partial++;
        }
        for (Path file : files(spool.images(), SpoolStore.KEPT)) {
            if (!images.existsBySpoolPath(spool.spoolPath(file))) {
                Files.deleteIfExists(file);
                unrecorded++;
            }
        }
        if (partial + unrecorded > 0) {
            log.warn("spool sweep: removed {} partly received and {} unrecorded files left by an earlier run", partial, unrecorded);
        }
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
