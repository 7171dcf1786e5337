package io.deidq.dicom.io;

import io.deidq.testing.DcmdumpOracle;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.DicomFiles;
import io.deidq.testing.DumpComparison;
import io.deidq.testing.DumpComparison.Option;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * pydicom's test files (Debian's python3-pydicom, which .ci/run installs) are a corpus of real and
 * odd files from many writers. Whatever dcmdump reads, deidq reads and dumps alike, and rewrites
 * to the same content; whatever dcmdump refuses, deidq refuses with a DicomParseException. The
 * one deliberate difference: deidq refuses values of odd length, which dcmtk accepts.
 */
class PydicomFilesTest {

    private static final List<Path> DIRECTORIES = List.of(
            Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files"),
            Path.of("/usr/lib/python3/dist-packages/pydicom/data/charset_files"));

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> deidqReadsWhatDcmtkReadsAndRefusesWhatItRefuses() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (Path dir : DIRECTORIES) {
            assertThat(dir).as("pydicom's test files are missing: apt-get install -y python3-pydicom, as .ci/run does").isDirectory();
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.toString().endsWith(".dcm")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(80);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    /** Whether the element header at {@code offset} holds an odd length, in any of the header forms of PS3.5 7.1. */
    private static boolean oddLengthAt(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int at = (int) offset;
        boolean implicitOdd = (bytes[at + 4] & 1) == 1;
        boolean shortExplicitOdd = (bytes[at + 6] & 1) == 1;
        boolean longExplicitOdd = at + 8 < bytes.length && (bytes[at + 8] & 1) == 1;
        return implicitOdd || shortExplicitOdd || longExplicitOdd;
    }

    private void check(Path file) throws IOException {
        Dcmtk.Result dcmdump = Dcmtk.run(tmp, "dcmdump", "-Un", file.toString());
        DicomFile read;
        try {
            read = DicomReader.readFile(file);
        } catch (DicomParseException refused) {
            if (dcmdump.clean()) {
                assertThat(refused.reason()).as("dcmdump reads %s, deidq refuses it: %s", file, refused.getMessage()).contains("odd length");
                assertThat(oddLengthAt(file, refused.offset())).as("the length field at byte %d is odd", refused.offset()).isTrue();
            }
            return;
        }
        try (read) {
            if (!dcmdump.clean()) {
                fail("dcmdump refuses " + file + " (" + dcmdump.stderr().strip() + "), deidq reads it");
            }
            DcmdumpOracle.assertAgrees(read, DicomFiles.dump(read, false), tmp, "-Un");
            Path out = tmp.resolve("rewritten.dcm");
            DicomWriter.writeFile(out, DicomFiles.metaFor(read, read.transferSyntax()), read.dataset(), read.transferSyntax());
            String before = Dcmtk.run(tmp, "dcmdump", "-Un", "+L", file.toString()).assertClean().stdout();
            String after = Dcmtk.run(tmp, "dcmdump", "-Un", "+L", out.toString()).assertClean().stdout();
            DumpComparison.assertAgree(String.join("\n", DumpComparison.datasetLines(after)),
                    String.join("\n", DumpComparison.datasetLines(before)), file.getFileName().toString(), Option.GROUP_LENGTHS_RECOMPUTED);
        }
    }
}
