package io.deidq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files a command works on: each FILE operand, and the files under each DIR, in name order. */
final class InputFiles {

    private InputFiles() {
    }

    /** Adds to {@code failures} each operand that is neither a file nor a directory that can be listed. */
    static List<Path> collect(List<String> inputs, List<FileFailure> failures) {
        List<Path> files = new ArrayList<>();
        for (String operand : inputs) {
            Path input = Path.of(operand);
            if (Files.isRegularFile(input)) {
                files.add(input);
            } else if (!Files.isDirectory(input)) {
                failures.add(new FileFailure(input, "no such file or directory"));
            } else {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException | RuntimeException e) {
                    failures.add(new FileFailure(input, "cannot list the directory: " + e.getMessage()));
                }
            }
        }
        return files;
    }
}
