package io.deidq.cli;

import io.deidq.dicom.net.Status;
import io.deidq.dicom.net.StorableInstance;
import io.deidq.dicom.net.StoreResult;
import io.deidq.dicom.net.StoreScu;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * deidq send: sends DICOM files, and the DICOM files under directories, to a storage SCP over one
 * association (as storescu does), each in the transfer syntax it is encoded in; then prints how
 * many were sent and, for each one that was not, why.
 */
final class SendCommand implements Command {

    private final Map<String, String> environment;
    private final boolean interactive;

    SendCommand(Map<String, String> environment, boolean interactive) {
        this.environment = environment;
        this.interactive = interactive;
    }

    @Override
    public String summary() {
        return "send DICOM files to a storage SCP with C-STORE, like storescu";
    }

    @Override
    public String usage() {
        return NetworkOptions.USAGE + " [--quiet] HOST PORT FILE|DIR...";
    }

    @Override
    public Map<String, Boolean> options() {
        return NetworkOptions.with(Map.of("quiet", false));
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        StoreScu.Peer peer = NetworkOptions.peer(arguments, environment);
        List<String> inputs = arguments.operands().subList(2, arguments.operands().size());
        if (inputs.isEmpty()) {
            throw new UsageException("no FILE or DIR given");
        }
        List<FileFailure> failures = new ArrayList<>();
        List<Path> files = InputFiles.collect(inputs, failures);
        List<StorableInstance> instances = new ArrayList<>();
        // Each file is read through before the association opens; reading them in parallel keeps the peer from waiting long.
        for (Read read : files.parallelStream().map(SendCommand::read).toList()) {
            if (read.instance() != null) {
                instances.add(read.instance());
            } else {
                failures.add(read.failure());
            }
        }
        long start = System.nanoTime();
        ProgressBar bar = new ProgressBar(err, interactive && !arguments.has("quiet"), instances.size(), System::nanoTime);
        List<FileFailure> warnings = new ArrayList<>();
        long[] sent = new long[2];
        new StoreScu(peer).send(instances, new StoreScu.Listener() {
            @Override
            public void answered(StorableInstance instance, StoreResult result) {
                if (Status.isFailure(result.status())) {
                    failures.add(new FileFailure(instance.file(), refusal(result)));
                } else {
                    if (Status.isWarning(result.status())) {
                        warnings.add(new FileFailure(instance.file(), refusal(result)));
                    }
                    sent[0]++;
                    sent[1] += instance.datasetLength();
                }
                bar.advance(instance.datasetLength());
            }

            @Override
            public void failed(StorableInstance instance, String reason) {
                failures.add(new FileFailure(instance.file(), reason));
                bar.advance(instance.datasetLength());
            }
        });
        bar.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "sent %d of %d files (%.1f MB) to %s at %s:%d in %.2f s: %.0f files/s, %.1f MB/s%n", sent[0],
                files.size(), sent[1] / 1e6, peer.calledAeTitle(), peer.host(), peer.port(), seconds, sent[0] / seconds,
                sent[1] / 1e6 / seconds);
        FileFailure.report(out, warnings, "stored with a warning");
        FileFailure.report(out, failures, "failed");
        return failures.isEmpty() ? 0 : 1;
    }

    /** A file read: the instance to send, or the failure that says why it is not one. */
    private record Read(StorableInstance instance, FileFailure failure) {
    }

    private static Read read(Path file) {
        try {
            return new Read(StorableInstance.of(file), null);
        } catch (IOException | RuntimeException e) {
            return new Read(null, new FileFailure(file, "not sent, not readable as DICOM: " + e.getMessage()));
        }
    }

    private static String refusal(StoreResult result) {
        return "answered " + Status.describe(result.status()) + (result.errorComment() == null ? "" : ": " + result.errorComment());
    }
}
