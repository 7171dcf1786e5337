package io.deidq.cli;

import io.deidq.testing.Dcmtk;
import io.deidq.testing.DcmtkCorpus;
import io.deidq.testing.DicomFiles;
import io.deidq.testing.DumpComparison;
import io.deidq.testing.OrthancServer;
import io.deidq.testing.Storescp;
import io.deidq.testing.UniqueCopies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deidq send and deidq echo against the real peers, dcmtk's storescp and Orthanc: every transfer
 * syntax of the corpus over one association, each stored data set the one sent, byte for byte;
 * what a peer refuses is reported per file with the reason.
 */
class SendCommandTest {

    /** Transfer syntaxes newer than dcmtk 3.6.7 (HTJ2K, JPEG XL), which storescp and Orthanc refuse. */
    private static final Set<String> UNKNOWN_TO_DCMTK = Set.of("htj2k", "htj2k-lossless", "jpeg-xl-lossless");

    /** What storescp +xa refuses besides: the retired JPEG processes 6/8, 10/12 and 14 (JPEG Lossless, not SV1). */
    private static final Set<String> REFUSED_BY_STORESCP = Set.of("htj2k", "htj2k-lossless", "jpeg-xl-lossless",
            "jpeg-spectral-selection", "jpeg-progressive", "jpeg-lossless");

    @TempDir
    static Path tmp;

    private static List<UniqueCopies.Copy> copies;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void copyTheCorpus() throws IOException {
        List<DcmtkCorpus.Sample> samples = DcmtkCorpus.get().samples().stream().filter(s -> s.charsetText().isEmpty()).toList();
        copies = UniqueCopies.of(samples, tmp.resolve("corpus"), "1.2.826.0.1.3680043.9.7433.20");
    }

    @Test
    void sendsEveryTransferSyntaxToStorescpOverOneAssociation() throws Exception {
        try (Storescp storescp = Storescp.start(tmp.resolve("storescp-all"), "+xa", "-pm")) {
            int status = run("send", "--aec", "STORESCP", "--max-pdu", "4096", "127.0.0.1", String.valueOf(storescp.port()),
                    tmp.resolve("corpus").toString());

            int accepted = copies.size() - REFUSED_BY_STORESCP.size();
            assertThat(stdout()).contains("sent " + accepted + " of " + copies.size() + " files",
                    REFUSED_BY_STORESCP.size() + " failed:");
            assertThat(status).as("some were refused").isEqualTo(1);
            for (String name : REFUSED_BY_STORESCP) {
                assertThat(stdout()).containsPattern(name + "\\.dcm: the peer did not accept \\S+ .* in \\S+ .*: transfer syntaxes not supported");
            }
            assertThat(storescp.log()).as("one association").containsOnlyOnce("Association Received");
            assertSameDataSets(storescp.received(), accepted);
        }
    }

    @Test
    void sendsToOrthancWhichStoresEachDataSetAsSent() throws Exception {
        try (OrthancServer orthanc = OrthancServer.start(tmp.resolve("orthanc"))) {
            assertThat(run("echo", "--aec", OrthancServer.AE_TITLE, "127.0.0.1", String.valueOf(orthanc.dicomPort()))).as(err::toString).isZero();
            assertThat(stdout()).contains("echo ORTHANC at 127.0.0.1:" + orthanc.dicomPort() + ": 0000 (success)");

            out.reset();
            run("send", "--aec", OrthancServer.AE_TITLE, "127.0.0.1", String.valueOf(orthanc.dicomPort()), tmp.resolve("corpus").toString());

            Map<String, UniqueCopies.Copy> sent = copies.stream().filter(c -> !UNKNOWN_TO_DCMTK.contains(c.sample().name()))
                    .collect(Collectors.toMap(UniqueCopies.Copy::sopInstanceUid, c -> c));
            assertThat(stdout()).contains("sent " + sent.size() + " of " + copies.size() + " files");
            for (String name : UNKNOWN_TO_DCMTK) {
                // Orthanc answers a transfer syntax it does not know with the reason for an unknown SOP class.
                assertThat(stdout()).containsPattern(name + "\\.dcm: the peer did not accept .*: abstract syntax not supported");
            }
            assertThat(orthanc.instanceCount()).isEqualTo(sent.size());
            Map<String, byte[]> stored = orthanc.instances();
            assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
            for (Map.Entry<String, byte[]> instance : stored.entrySet()) {
                UniqueCopies.Copy copy = sent.get(instance.getKey());
                Path file = tmp.resolve("orthanc-" + copy.sample().name() + ".dcm");
                Files.write(file, instance.getValue());
                assertSameContent(copy, file);
            }
        }
    }

    @Test
    void reportsEachFileThatWasNotSentWithTheReason() throws Exception {
        Path mixed = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(copies.get(0).file(), mixed.resolve("good.dcm"));
        Files.writeString(mixed.resolve("notes.txt"), "not DICOM");
        Files.copy(DcmtkCorpus.get().sample("jpeg-baseline").file(), mixed.resolve("jpeg.dcm"));
        try (Storescp storescp = Storescp.start(tmp.resolve("storescp-uncompressed"))) {
            int status = run("send", "--aec", "STORESCP", "127.0.0.1", String.valueOf(storescp.port()), mixed.toString(),
                    tmp.resolve("missing.dcm").toString());

            assertThat(status).isEqualTo(1);
            assertThat(stdout()).contains("sent 1 of 3 files", "3 failed:")
                    .containsPattern("notes\\.txt: not sent, not readable as DICOM: .*not a DICOM file")
                    .containsPattern("jpeg\\.dcm: the peer did not accept .* in JPEGProcess1TransferSyntax .*: transfer syntaxes not supported")
                    .contains("missing.dcm: no such file or directory");
            assertThat(storescp.received()).hasSize(1);
        }
    }

    @Test
    void reportsAPeerThatCannotBeReached() {
        int status = run("send", "127.0.0.1", "1", copies.get(0).file().toString());

        assertThat(status).isEqualTo(1);
        assertThat(stdout()).contains("sent 0 of 1 files").containsPattern("no association: cannot connect to 127.0.0.1:1");
    }

    @Test
    void refusesBadOptionsAsUsageErrors() {
        assertThat(run("send", "127.0.0.1", "11112")).isEqualTo(2);
        assertThat(stderr()).contains("no FILE or DIR given");
        assertThat(run("send", "--aet", "A-TITLE-LONGER-THAN-16", "127.0.0.1", "11112", "x.dcm")).isEqualTo(2);
        assertThat(stderr()).contains("--aet must be 1 to 16 characters");
        assertThat(run("send", "127.0.0.1", "port", "x.dcm")).isEqualTo(2);
        assertThat(stderr()).contains("PORT must be a number from 1 to 65535, not 'port'");
        assertThat(run("send", "--max-pdu", "100", "127.0.0.1", "11112", "x.dcm")).isEqualTo(2);
        assertThat(stderr()).contains("--max-pdu must be 0 (no limit) or from 4096");
        assertThat(run("echo", "--key-store", "k.p12", "127.0.0.1", "11112")).isEqualTo(2);
        assertThat(stderr()).contains("--key-store needs --tls");
    }

    private void assertSameDataSets(List<Path> received, int expected) throws IOException {
        assertThat(received).hasSize(expected);
        Map<String, UniqueCopies.Copy> byUid = new HashMap<>();
        copies.forEach(c -> byUid.put(c.sopInstanceUid(), c));
        for (Path file : received) {
            String name = file.getFileName().toString();
            UniqueCopies.Copy copy = byUid.get(name.substring(name.indexOf('.') + 1));
            assertThat(copy).as("storescp's %s is named by a UID that was sent", name).isNotNull();
            assertSameDataSet(copy, file);
        }
    }

    private static void assertSameDataSet(UniqueCopies.Copy copy, Path received) throws IOException {
        boolean deflated = copy.sample().name().contains("deflated");
        byte[] sent = DicomFiles.datasetBytes(copy.file(), deflated);
        byte[] stored = DicomFiles.datasetBytes(received, deflated);
        assertThat(stored).as("data set of %s as stored: first difference %s", copy.sample().name(),
                DicomFiles.firstDifference(sent, stored)).isEqualTo(sent);
    }

    /**
     * Orthanc re-encodes what it stores (sequences and items of undefined length get defined ones,
     * group lengths are recomputed): the elements and values must be the ones sent. In implicit VR
     * that turns a private sequence of undefined length into one of defined length, which no reader
     * without the private dictionary can tell from bytes: there only public elements are compared.
     */
    private static void assertSameContent(UniqueCopies.Copy copy, Path stored) {
        boolean implicit = copy.sample().name().contains("implicit");
        DumpComparison.assertAgree(dataset(stored, implicit), dataset(copy.file(), implicit), copy.sample().name() + " as Orthanc stored it",
                DumpComparison.Option.IGNORE_CONTAINER_LENGTHS);
    }

    /** dcmdump's lines of the data set, without what it says of sequence and item lengths, and without private elements if asked. */
    private static String dataset(Path file, boolean publicOnly) {
        String dump = Dcmtk.run(tmp, "dcmdump", "-Un", "+L", file.toString()).assertClean().stdout();
        List<String> lines = new ArrayList<>();
        int skipDeeperThan = -1;
        for (String line : DumpComparison.datasetLines(dump)) {
            int indent = line.length() - line.stripLeading().length();
            boolean endOfSkipped = indent == skipDeeperThan && line.stripLeading().startsWith("(fffe,e0dd)");
            if (skipDeeperThan >= 0 && (indent > skipDeeperThan || endOfSkipped)) {
                continue;
            }
            skipDeeperThan = -1;
            boolean privateElement = line.stripLeading().startsWith("(") && (Character.digit(line.stripLeading().charAt(4), 16) & 1) == 1;
            if (publicOnly && privateElement) {
                skipDeeperThan = indent;
                continue;
            }
            lines.add(line.replaceAll("\\((Sequence|Item) with (explicit|undefined) length", "($1")
                    .replace(" for re-encoding)", ")").replace(" for re-encod.)", ")"));
        }
        return String.join("\n", lines);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
