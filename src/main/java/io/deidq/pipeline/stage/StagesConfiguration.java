package io.deidq.pipeline.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.ConditionalOnRole;
import io.deidq.DeidqProperties;
import io.deidq.batch.BatchIdentifiersRepository;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.TaskRunRepository;
import io.deidq.identifiers.IdentifierExtractor;
import io.deidq.identifiers.IdentityRequestBuilder;
import io.deidq.identifiers.ResponseMerger;
import io.deidq.identity.IdentityService;
import io.deidq.pipeline.WorkerProperties;
import io.deidq.receiver.ReceiverProperties;
import io.deidq.recipe.ImageCleaner;
import io.deidq.upload.ImageSink;
import io.deidq.upload.MetadataSink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The six stages of a worker, each the component of its package: identifiers for get-identifiers,
 * prepare-request and update, the identity service for identify, the recipes for clean, the sinks
 * for upload. A test replaces one by a bean of the same name.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("worker")
public class StagesConfiguration {

    /** The stored JSON's own mapper: what the database holds does not change with the web layer's settings. */
    private static final ObjectMapper JSON = new ObjectMapper();

    @Bean
    SpooledImages spooledImages(ImageRepository images, ReceiverProperties receiver, DeidqProperties deidq) {
        return new SpooledImages(images, receiver.spoolDirectory(deidq.dataDir()));
    }

    @Bean
    StagingArea stagingArea(WorkerProperties worker, DeidqProperties deidq) {
        return new StagingArea(worker.stagingDirectory(deidq.dataDir()));
    }

    @Bean
    ImagePool imagePool(WorkerProperties worker) {
        return new ImagePool(worker.imageThreads());
    }

    @Bean
    BatchRelease batchRelease(BatchRepository batches, ImageRepository images, SpooledImages spool, StagingArea staging,
                              PlatformTransactionManager transactions) {
        return new BatchRelease(batches, images, spool, staging, new TransactionTemplate(transactions), Clock.systemUTC());
    }

    @Bean
    StoredIdentifiers storedIdentifiers(BatchIdentifiersRepository rows, PlatformTransactionManager transactions) {
        return new StoredIdentifiers(rows, new TransactionTemplate(transactions), JSON);
    }

    @Bean
    GetIdentifiersStage getIdentifiersStage(SpooledImages spool, IdentifierExtractor extractor, StoredIdentifiers stored) {
        return new GetIdentifiersStage(spool, extractor, stored);
    }

    @Bean
    PrepareRequestStage prepareRequestStage(IdentityRequestBuilder builder, StoredIdentifiers stored) {
        return new PrepareRequestStage(builder, stored);
    }

    @Bean
    IdentifyStage identifyStage(IdentityService identity, StoredIdentifiers stored) {
        return new IdentifyStage(identity, stored);
    }

    @Bean
    UpdateStage updateStage(ResponseMerger merger, StoredIdentifiers stored) {
        return new UpdateStage(merger, stored);
    }

    @Bean
    CleanStage cleanStage(SpooledImages spool, StoredIdentifiers stored, IdentifierExtractor extractor, ImageCleaner cleaner,
                          StagingArea staging, ImageRepository images, PlatformTransactionManager transactions, ImagePool pool) {
        return new CleanStage(spool, stored, extractor, cleaner, staging, images, new TransactionTemplate(transactions), JSON, pool);
    }

    @Bean
    UploadStage uploadStage(ImageRepository images, TaskRunRepository runs, StagingArea staging, ImageSink imageSink,
                            MetadataSink metadataSink, PlatformTransactionManager transactions, ImagePool pool) {
        return new UploadStage(images, runs, staging, imageSink, metadataSink, new TransactionTemplate(transactions), JSON,
                Clock.systemUTC(), pool);
    }
}
