package io.deidq.cli;

import io.deidq.OneShotServices;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The command-line subcommands of scripts/deidq. Exit status: 0 done, 1 some input failed, 2 bad usage. */
public final class Cli {

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        commands.put("anonymize", new AnonymizeCommand(System.console() != null, OneShotServices::start));
        commands.put("dump", new DumpCommand());
        commands.put("echo", new EchoCommand(System.getenv()));
        commands.put("send", new SendCommand(System.getenv(), System.console() != null));
    }

    public int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("deidq: unknown command '" + args[0] + "'");
            usage(err);
            return 2;
        }
        try {
            return command.run(Arguments.parse(Arrays.copyOfRange(args, 1, args.length), command.options()), out, err);
        } catch (UsageException e) {
            err.println("deidq " + args[0] + ": " + e.getMessage());
            err.println("usage: deidq " + args[0] + " " + command.usage());
            return 2;
        }
    }

    private void usage(PrintStream to) {
        to.println("usage: deidq COMMAND [OPTIONS] ARGUMENTS");
        to.println("       deidq serve        start the service (what scripts/run does)");
        for (Map.Entry<String, Command> c : commands.entrySet()) {
            to.printf("       deidq %-12s %s%n", c.getKey(), c.getValue().summary());
            to.println("             " + c.getValue().usage());
        }
    }
}
