package io.deidq.cli;

import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.ReadOptions;
import io.deidq.dicom.text.DicomDump;
import io.deidq.dicom.text.DicomJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** deidq dump: prints DICOM files as dcmdump does, or in the DICOM JSON Model. */
final class DumpCommand implements Command {

    @Override
    public String summary() {
        return "print DICOM files like dcmdump, or as DICOM JSON (PS3.18 Annex F)";
    }

    @Override
    public String usage() {
        return "[--json] [--all] [--bulk-threshold BYTES] FILE...";
    }

    @Override
    public Map<String, Boolean> options() {
        return Map.of("json", false, "all", false, "bulk-threshold", true);
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        List<String> files = arguments.operands();
        if (files.isEmpty()) {
            throw new UsageException("no FILE given");
        }
        long threshold = arguments.longValue("bulk-threshold", ReadOptions.DEFAULT_BULK_THRESHOLD);
        if (threshold < 0) {
            throw new UsageException("--bulk-threshold cannot be negative");
        }
        ReadOptions options = ReadOptions.DEFAULT.withBulkThreshold(threshold);
        boolean json = arguments.has("json");
        boolean several = files.size() > 1;
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        int status = 0;
        try {
            if (json && several) {
                writer.write("[\n");
            }
            boolean first = true;
            for (String file : files) {
                try (DicomFile dicom = DicomReader.readFile(Path.of(file), options)) {
                    if (json) {
                        if (!first) {
                            writer.write(",\n");
                        }
                        new DicomJson(writer, dicom.transferSyntax().deflated()).write(dicom.dataset());
                    } else {
                        if (several) {
                            writer.write("# " + file + "\n");
                        }
                        new DicomDump(writer, arguments.has("all")).file(dicom);
                    }
                    first = false;
                } catch (IOException | RuntimeException e) {
                    writer.flush();
                    err.println("deidq dump: " + describe(file, e));
                    status = 1;
                }
            }
            if (json && several) {
                writer.write("]\n");
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to standard output", e);
        }
        return status;
    }

    private static String describe(String file, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.startsWith(file) ? message : file + ": " + message;
    }
}
