package io.deidq.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** A file a command could not do its work on, and why: listed in the command's summary. */
record FileFailure(Path file, String reason) {

    /** "3 failed:" and a line per file; nothing when there are none. */
    static void report(PrintStream out, List<FileFailure> failures, String what) {
        if (failures.isEmpty()) {
            return;
        }
        out.println(failures.size() + " " + what + ":");
        for (FileFailure failure : failures) {
            out.println("  " + failure.file() + ": " + failure.reason());
        }
    }
}
