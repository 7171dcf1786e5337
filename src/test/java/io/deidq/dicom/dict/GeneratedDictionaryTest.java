package io.deidq.dicom.dict;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed dictionary is what scripts/generate-dictionary makes of dcmtk's files today. */
class GeneratedDictionaryTest {

    @Test
    void isUpToDateWithTheGenerator(@TempDir Path out) throws IOException, InterruptedException {
        Process generator = new ProcessBuilder("python3", "scripts/generate-dictionary", "--output", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(generator.getInputStream().readAllBytes());
        assertThat(generator.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(generator.exitValue()).as("scripts/generate-dictionary failed (it needs dcmtk and libdcmtk-dev):%n%s", output).isZero();
        for (String file : List.of(
                "src/main/resources/io/deidq/dicom/dict/elements.tsv",
                "src/main/resources/io/deidq/dicom/dict/private-elements.tsv",
                "src/main/resources/io/deidq/dicom/dict/uids.tsv",
                "src/main/java/io/deidq/dicom/dict/Tag.java",
                "src/main/java/io/deidq/dicom/dict/UID.java")) {
            assertThat(Files.readString(out.resolve(file)))
                    .as("%s differs from what scripts/generate-dictionary writes: run it and commit the result", file)
                    .isEqualTo(Files.readString(Path.of(file)));
        }
    }
}
