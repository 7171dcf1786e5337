package io.deidq.identifiers;

import io.deidq.testing.Dcmtk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** DICOM files made by dcmtk's dump2dcm from dump text, as the extraction tests read them. */
final class DumpFiles {

    static final String RESOURCES = "/io/deidq/identifiers/deid/";

    private DumpFiles() {
    }

    /** dump2dcm of {@code dump}, written in the transfer syntax option {@code syntax} (+te, +ti, ...), with {@code options}. */
    static Path build(Path dump, String syntax, Path target, String... options) {
        List<String> command = new ArrayList<>(List.of("dump2dcm", "-q", syntax));
        command.addAll(List.of(options));
        command.addAll(List.of(dump.toString(), target.toString()));
        Dcmtk.run(target.getParent(), command.toArray(String[]::new)).assertClean();
        return target;
    }

    /** dump2dcm of dump text given here, UTF-8 (declare ISO_IR 192 for text beyond ASCII), explicit VR little endian. */
    static Path fromText(Path directory, String name, String dump, String... options) throws IOException {
        Path text = directory.resolve(name + ".dump");
        Files.writeString(text, dump, StandardCharsets.UTF_8);
        return build(text, "+te", directory.resolve(name + ".dcm"), options);
    }

    static Path resource(String name) {
        URL url = DumpFiles.class.getResource(RESOURCES + name);
        if (url == null) {
            throw new AssertionError("test resource " + RESOURCES + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(url + " is not a file", e);
        }
    }
}
