package io.deidq.batch;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface ImageRepository extends JpaRepository<Image, Long> {

    /** Whether an image is recorded for the spool file {@code spoolPath}, relative to the spool directory. */
    boolean existsBySpoolPath(String spoolPath);

    /** A batch's images in the order they were recorded. */
    List<Image> findByBatchIdOrderById(long batchId);
}
