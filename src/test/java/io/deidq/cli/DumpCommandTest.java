package io.deidq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DumpCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path image;

    @BeforeEach
    void writeAnImage() throws IOException {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        ds.putString(Tag.PatientName, VR.PN, "Doe^John");
        image = tmp.resolve("image.dcm");
        DicomWriter.writeFile(image, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void dumpsLikeDcmdump() {
        assertThat(run("dump", image.toString())).isZero();
        assertThat(stdout()).contains("# Dicom-File-Format", "# Dicom-Meta-Information-Header", "# Dicom-Data-Set",
                "(0010,0010) PN [Doe^John]                               #   8, 1 PatientName");
    }

    @Test
    void dumpsTheJsonModelOfOneFileAsAnObjectAndOfSeveralAsAnArray() throws IOException {
        assertThat(run("dump", "--json", image.toString())).isZero();
        JsonNode one = new ObjectMapper().readTree(stdout());
        assertThat(one.get("00100010").get("Value").get(0).get("Alphabetic").asText()).isEqualTo("Doe^John");

        out.reset();
        assertThat(run("dump", "--json", image.toString(), image.toString())).isZero();
        JsonNode two = new ObjectMapper().readTree(stdout());
        assertThat(two.isArray()).isTrue();
        assertThat(two).hasSize(2);
    }

    @Test
    void aBadFileIsReportedWithItsNameAndTheOthersAreStillDumped() throws IOException {
        Path bad = tmp.resolve("not-dicom.txt");
        Files.writeString(bad, "this is not a DICOM file, whatever it says");

        assertThat(run("dump", bad.toString(), image.toString())).isEqualTo(1);

        assertThat(stderr()).contains("deidq dump: " + bad + ": at byte 0: not a DICOM file");
        assertThat(stdout()).contains("PatientName");
        assertThat(run("dump", tmp.resolve("missing.dcm").toString())).isEqualTo(1);
        assertThat(stderr()).contains("missing.dcm");
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        assertThat(run("dump")).isEqualTo(2);
        assertThat(stderr()).contains("no FILE given", "usage: deidq dump");
        assertThat(run("dump", "--colour", image.toString())).isEqualTo(2);
        assertThat(stderr()).contains("unknown option --colour");
        assertThat(run("dump", "--bulk-threshold", "many", image.toString())).isEqualTo(2);
        assertThat(stderr()).contains("needs a whole number");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(stderr()).contains("unknown command 'frobnicate'");
        assertThat(run("help")).isZero();
        assertThat(stdout()).contains("deidq dump");
    }

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
