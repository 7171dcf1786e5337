package io.deidq.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Runs dcmtk's command-line tools, the reference implementation these tests hold deidq against. */
public final class Dcmtk {

    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** dcmtk reports a problem it could not get past with a line starting "E:" or "F:". */
        public boolean clean() {
            return exitCode == 0 && stderr.lines().noneMatch(l -> l.startsWith("E:") || l.startsWith("F:"));
        }

        public Result assertClean() {
            if (!clean()) {
                fail(String.join(" ", command) + " failed with exit code " + exitCode + ":\n" + stderr + stdout);
            }
            return this;
        }
    }

    private Dcmtk() {
    }

    /** Runs a dcmtk tool with TCP_NODELAY=1, which dcmtk's network tools need to keep pace on loopback. */
    public static Result run(Path workDir, String... command) {
        requireTool(command[0]);
        List<String> cmd = List.of(command);
        try {
            Path out = Files.createTempFile("dcmtk-out-", ".txt");
            Path err = Files.createTempFile("dcmtk-err-", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(cmd)).directory(workDir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().put("TCP_NODELAY", "1");
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail(String.join(" ", cmd) + " did not finish within 5 minutes");
                }
                // Without +U8, dcmdump prints text in the file's own character set: decode leniently.
                return new Result(cmd, process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                        new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", cmd), e);
        }
    }

    public static void requireTool(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= Files.isExecutable(Path.of(dir, tool));
        }
        assertThat(found).as("%s is not on the PATH: install dcmtk (apt-get install -y dcmtk), as .ci/run does", tool).isTrue();
    }
}
