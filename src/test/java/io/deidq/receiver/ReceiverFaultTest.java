package io.deidq.receiver;

import io.deidq.testing.ServiceProperties;
import io.deidq.DeidqApplication;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;
import io.deidq.dicom.net.Abort;
import io.deidq.dicom.net.Association;
import io.deidq.dicom.net.DataSetWriter;
import io.deidq.dicom.net.AssociationAbortedException;
import io.deidq.dicom.net.Dimse;
import io.deidq.dicom.net.Status;
import io.deidq.dicom.net.StoreResult;
import io.deidq.receiver.TestInstances.Instance;
import org.assertj.core.api.MapAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What goes wrong on the way in: a sender that aborts, a data set that is not DICOM, not the
 * instance announced or cut short, a database that refuses the record, a sender gone quiet.
 * Whatever it is, nothing is recorded and no file is left.
 */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ReceiverFaultTest {

    private static final String MR = "1.2.840.10008.5.1.4.1.1.4";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir.resolve("data"));
        registry.add("deidq.receiver.idle-timeout", () -> "1s");
    }

    /** Over 2 MB: several P-DATA-TF PDUs whatever the PDU length, so that half of it is on the wire before the end. */
    static Instance large;

    @BeforeAll
    static void largeInstance(@TempDir Path files) throws IOException {
        large = TestInstances.large(files.resolve("large.dcm"), 2 * 1024 * 1024);
    }

    @Autowired
    DicomReceiver receiver;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path work;

    Spool spool;

    int imageFilesBefore;

    @BeforeEach
    void spool() {
        spool = new Spool(dataDir.resolve("data/spool"), jdbc);
        imageFilesBefore = spool.imageFiles().size();
    }

    @Test
    void aSenderThatAbortsInTheMiddleOfADataSetLeavesNothing() throws IOException {
        Instance instance = copy(large);
        byte[] dataSet = Part10.dataSet(instance.file());
        try (Association association = Scu.open(receiver.port(), "ABORTER", "DEIDQ", List.of(instance))) {
            int pc = association.contextFor(instance.sopClassUid(), instance.transferSyntaxUid());
            association.writeCommand(pc, Dimse.storeRequest(1, instance.sopClassUid(), instance.sopInstanceUid(), Dimse.PRIORITY_MEDIUM,
                    null, null));
            OutputStream data = association.writeData(pc);
            data.write(dataSet, 0, dataSet.length / 2);
            data.flush();
            association.abort(Abort.SERVICE_USER, Abort.NOT_SPECIFIED);
        }
        assertNothingKeptOf(instance);
        assertLastAssociationOf("ABORTER").containsEntry("released", false);
    }

    @Test
    void aSenderWhoseDataSetFailsHalfwayAndThenAbortsLeavesNothing() throws IOException {
        Instance instance = copy(large);
        byte[] dataSet = Part10.dataSet(instance.file());
        try (Association association = Scu.open(receiver.port(), "ABORTER", "DEIDQ", List.of(instance))) {
            assertThatThrownBy(() -> Scu.send(association, 1, instance, out -> {
                out.write(dataSet, 0, dataSet.length / 2);
                throw new IOException("the source file could not be read further");
            })).hasMessageContaining("could not be read further");
            association.abort(Abort.SERVICE_USER, Abort.NOT_SPECIFIED);
        }
        assertNothingKeptOf(instance);
    }

    @Test
    void aDataSetCutShortIsNotUnderstoodAndNotKept() throws IOException {
        Instance instance = copy(large);
        byte[] dataSet = Part10.dataSet(instance.file());
        assertThat(storeAlone(instance, out -> out.write(dataSet, 0, dataSet.length / 2)).status()).isEqualTo(Status.CANNOT_UNDERSTAND);
        assertNothingKeptOf(instance);
    }

    @Test
    void aDataSetThatIsNotDicomIsNotUnderstoodAndNotKept() throws IOException {
        Instance instance = copy(large);
        byte[] text = "this is a text file, sent as if it were a data set of DICOM".getBytes(StandardCharsets.US_ASCII);
        assertThat(storeAlone(instance, out -> out.write(text)).status()).isEqualTo(Status.CANNOT_UNDERSTAND);
        assertNothingKeptOf(instance);
    }

    @Test
    void aDataSetOfAnotherInstanceThanTheCommandSaysIsRefusedAndNotKept() throws IOException {
        Instance sent = copy(large);
        Instance announced = new Instance(sent.file(), TestInstances.uid(), sent.sopClassUid(), sent.transferSyntaxUid(),
                sent.studyInstanceUid(), sent.accessionNumber());
        assertThat(storeAlone(announced, Part10.dataSet(sent.file())).status()).isEqualTo(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertNothingKeptOf(sent);
        assertNothingKeptOf(announced);
    }

    @Test
    void aValueLongerThanValidOnesCanBeIsNotUnderstoodForGoodAndNotKept() throws IOException {
        Path file = work.resolve(TestInstances.uid() + ".dcm");
        try (DicomFile source = DicomReader.readFile(copy(large).file())) {
            source.dataset().putString(Tag.AccessionNumber, VR.SH, "A".repeat(70));
            DicomWriter.writeFile(file, source.dataset(), source.transferSyntax());
        }
        Instance sent = TestInstances.read(file);

        StoreResult result = storeAlone(sent, Part10.dataSet(file));

        assertThat(result.status()).as("permanent: a sender retries A700 for ever").isEqualTo(Status.CANNOT_UNDERSTAND);
        assertThat(result.errorComment()).isEqualTo("the data set's Accession Number is longer than 64 characters");
        assertNothingKeptOf(sent);
    }

    @Test
    void aDataSetOfAnotherSopClassThanTheCommandSaysIsRefusedAndNotKept() throws IOException {
        Instance sent = copy(large);
        Instance announced = new Instance(sent.file(), sent.sopInstanceUid(), MR, sent.transferSyntaxUid(), sent.studyInstanceUid(),
                sent.accessionNumber());
        assertThat(storeAlone(announced, Part10.dataSet(sent.file())).status()).isEqualTo(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertNothingKeptOf(sent);
    }

    @Test
    void anImageTheDatabaseRefusesIsOutOfResourcesAndNotKept(CapturedOutput output) throws IOException {
        Instance refused = copy(large);
        jdbc.execute("alter table image add constraint test_refused check (accession_number <> '" + refused.accessionNumber() + "')");
        try {
            assertThat(storeAlone(refused, Part10.dataSet(refused.file())).status()).isEqualTo(Status.OUT_OF_RESOURCES);
        } finally {
            jdbc.execute("alter table image drop constraint test_refused");
        }
        assertNothingKeptOf(refused);
        assertThat(output.getOut()).as("the database's message quotes the accession number: it must not be logged")
                .contains("cannot record 1 received images").doesNotContain(refused.accessionNumber());
        Instance next = copy(large);
        assertThat(storeAlone(next, Part10.dataSet(next.file())).status()).isEqualTo(Status.SUCCESS);
        spool.assertReceived(next);
    }

    @Test
    @Timeout(60)
    void anAssociationLeftIdleIsAbortedByTheIdleTimer() throws IOException {
        try (Association association = Scu.open(receiver.port(), "SLEEPER", "DEIDQ", List.of(large))) {
            assertThatThrownBy(association::readCommand).isInstanceOfSatisfying(AssociationAbortedException.class,
                    e -> assertThat(e.abort().source()).isEqualTo(Abort.SERVICE_PROVIDER));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.activeAssociations() == 0);
        assertLastAssociationOf("SLEEPER").containsEntry("released", false);
    }

    private Instance copy(Instance instance) throws IOException {
        return TestInstances.rewrite(instance.file(), work.resolve(TestInstances.uid() + ".dcm"), TestInstances.uid());
    }

    private StoreResult storeAlone(Instance instance, byte[] dataSet) throws IOException {
        return storeAlone(instance, out -> out.write(dataSet));
    }

    /** Sends one data set over an association of its own, and waits for the receiver to be done with it. */
    private StoreResult storeAlone(Instance instance, DataSetWriter dataSet) throws IOException {
        StoreResult result;
        try (Association association = Scu.open(receiver.port(), "FAULTY", "DEIDQ", List.of(instance))) {
            result = Scu.send(association, 1, instance, dataSet);
            association.release();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.activeAssociations() == 0);
        return result;
    }

    private void assertNothingKeptOf(Instance instance) {
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.activeAssociations() == 0);
        assertThat(spool.rows(instance.sopInstanceUid())).as("Image rows").isEmpty();
        assertThat(spool.incomingFiles()).as("partial files").isEmpty();
        assertThat(spool.imageFiles()).as("kept files").hasSize(imageFilesBefore);
    }

    private MapAssert<String, Object> assertLastAssociationOf(String callingAeTitle) {
        Map<String, Object> association = jdbc.queryForMap(
                "select * from received_association where calling_ae_title = ? order by opened_at desc limit 1", callingAeTitle);
        return assertThat(association);
    }
}
