package io.deidq.receiver;

import io.deidq.batch.BatchAssembly;
import io.deidq.batch.BatchCloser;
import io.deidq.batch.BatchKeyKind;
import io.deidq.batch.BatchProperties;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchState;
import io.deidq.batch.Image;
import io.deidq.batch.ReceivedAssociation;
import io.deidq.batch.ReceivedAssociationRepository;
import io.deidq.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver starting alone on its spool ends the associations of its spool that a killed run left
 * open, and no other spool's, on one database as receivers of several spools share it; each
 * subclass names its database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class InterruptedAssociationsContract {

    private TestDatabase database;
    private ConfigurableApplicationContext context;
    private BatchAssembly assembly;
    private ReceivedAssociationRepository associations;
    private InterruptedAssociations interrupted;
    private BatchCloser closer;

    abstract String databaseKind();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        database = TestDatabase.open(databaseKind(), dataDir);
        context = database.startApplication();
        assembly = context.getBean(BatchAssembly.class);
        associations = context.getBean(ReceivedAssociationRepository.class);
        TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
        interrupted = new InterruptedAssociations(associations, transaction);
        closer = new BatchCloser(context.getBean(BatchRepository.class), context.getBean(NamedParameterJdbcTemplate.class), transaction,
                (batch, stage, attempt, notBefore) -> { }, new BatchProperties(BatchKeyKind.ACCESSION_NUMBER, Duration.ZERO, Duration.ofSeconds(1)));
    }

    @AfterAll
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theOpenAssociationsOfTheSpoolEndAsAbortedAndTheirBatchesCloseWhileOtherSpoolsStayAsTheyWere() {
        String spool = UUID.randomUUID().toString();
        String otherSpool = UUID.randomUUID().toString();
        String interruptedWithImage = open(spool);
        String interruptedEmpty = open(spool);
        String released = open(spool);
        assembly.associationClosed(released, true);
        Instant releasedAt = associations.findById(released).orElseThrow().closedAt();
        String otherUnderWay = open(otherSpool);
        String fromBeforeSpoolIds = open(null);
        long batchOfInterrupted = imageOver(interruptedWithImage);
        long batchOfOther = imageOver(otherUnderWay);
        closer.closeQuietBatches();
        assertThat(stateOf(batchOfInterrupted)).as("held by its open association").isEqualTo(BatchState.RECEIVING);

        assertThat(interrupted.end(spool)).isEqualTo(2);

        for (String id : List.of(interruptedWithImage, interruptedEmpty)) {
            ReceivedAssociation ended = associations.findById(id).orElseThrow();
            assertThat(ended.closedAt()).as("end of %s", id).isNotNull();
            assertThat(ended.released()).as("released %s", id).isFalse();
        }
        ReceivedAssociation endedBefore = associations.findById(released).orElseThrow();
        assertThat(endedBefore.closedAt()).isEqualTo(releasedAt);
        assertThat(endedBefore.released()).isTrue();
        assertThat(associations.findById(otherUnderWay).orElseThrow().closedAt()).as("another spool's association").isNull();
        assertThat(associations.findById(fromBeforeSpoolIds).orElseThrow().closedAt()).as("an association of no known spool").isNull();

        closer.closeQuietBatches();
        assertThat(stateOf(batchOfInterrupted)).isEqualTo(BatchState.QUEUED);
        assertThat(stateOf(batchOfOther)).as("held by the other spool's association under way").isEqualTo(BatchState.RECEIVING);
        assertThat(interrupted.end(spool)).as("a second start finds nothing open").isZero();
    }

    @Test
    void aSpoolWhoseAssociationsAllEndedEndsNone() {
        String spool = UUID.randomUUID().toString();
        String released = open(spool);
        assembly.associationClosed(released, true);

        assertThat(interrupted.end(spool)).isZero();
        assertThat(associations.findById(released).orElseThrow().released()).isTrue();
    }

    private String open(String spoolId) {
        String id = UUID.randomUUID().toString();
        assembly.associationOpened(new ReceivedAssociation(id, "SCU", "DEIDQ", "127.0.0.1", Instant.now(), spoolId));
        return id;
    }

    /** The batch of a new image of a study of its own, received over {@code association}. */
    private long imageOver(String association) {
        String uid = "1.2.826.0.1.3680043.9.7433.44." + System.nanoTime();
        List<Image> recorded = assembly.imagesReceived(List.of(new Image(uid, "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1", uid + ".1",
                uid + ".2", "ACC-" + UUID.randomUUID().toString().substring(0, 8), "images/" + uid + ".dcm", 1, "00000000", Instant.now(),
                association, null, null)));
        return recorded.get(0).batchId();
    }

    private BatchState stateOf(long batch) {
        return context.getBean(BatchRepository.class).findById(batch).orElseThrow().state();
    }
}
