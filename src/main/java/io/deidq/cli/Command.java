package io.deidq.cli;

import java.io.PrintStream;
import java.util.Map;

/** One subcommand of {@link Cli}. */
interface Command {

    /** One line on what the command does. */
    String summary();

    /** Its options and arguments, e.g. "[--json] FILE...". */
    String usage();

    /** The options it takes: name (without "--") to whether the option takes a value. */
    Map<String, Boolean> options();

    /** Runs the command; returns the exit status. */
    int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException;
}
