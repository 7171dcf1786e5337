package io.deidq.cli;

/** The command line asks for something the command does not take; exit status 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
