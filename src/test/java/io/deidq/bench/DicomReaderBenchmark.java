package io.deidq.bench;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;
import io.deidq.dicom.io.ReadOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The reader's two figures of merit, on files scripts/bench makes with dcmtk: parsing the header of
 * a 512 KiB CT image with Pixel Data skipped (files per second, one thread), and reading and
 * rewriting a 200 MiB multi-frame image (seconds per file; scripts/bench turns it into MB/s).
 * The directory comes from the system property deidq.bench.dir.
 */
@State(Scope.Benchmark)
public class DicomReaderBenchmark {

    private final Path dir = Path.of(System.getProperty("deidq.bench.dir", "target/bench"));
    private final Path ct = dir.resolve("ct.dcm");
    private final Path multiFrame = dir.resolve("multiframe.dcm");
    private final Path rewritten = dir.resolve("multiframe-rewritten.dcm");

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Dataset headerParse() throws IOException {
        try (DicomFile file = DicomReader.readFile(ct, ReadOptions.headersOnly())) {
            return file.dataset();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long readAndRewrite() throws IOException {
        try (DicomFile file = DicomReader.readFile(multiFrame)) {
            DicomWriter.writeFile(rewritten, file.fileMeta(), file.dataset(), file.transferSyntax());
            return file.dataset().size();
        }
    }
}
