package io.deidq;

import io.deidq.cli.Cli;

import java.util.Arrays;

/**
 * The one entry point of deidq.jar: {@code serve} starts the service; any other first argument
 * is a command-line subcommand, which runs without starting Spring; none prints the usage.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            DeidqApplication.start(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new Cli(System.out, System.err).run(args));
    }
}
