package io.deidq.batch;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;

public interface ImageRepository extends JpaRepository<Image, Long> {

    /** Whether an image is recorded for the spool file {@code spoolPath}, relative to the spool directory. */
    boolean existsBySpoolPath(String spoolPath);

    /** A batch's images in the order they were recorded. */
    List<Image> findByBatchIdOrderById(long batchId);

    long countByBatchId(long batchId);

    /** How many images each of {@code batchIds} holds; a batch without images is left out. */
    @Query("select new io.deidq.batch.ImageCount(i.batchId, count(i)) from Image i where i.batchId in :batchIds group by i.batchId")
    List<ImageCount> countByBatchIds(@Param("batchIds") Collection<Long> batchIds);
}
