package io.deidq.dicom.dict;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads one of the tab-separated tables that scripts/generate-dictionary writes next to this class. */
final class DictionaryFile {

    private DictionaryFile() {
    }

    static List<String[]> rows(String name, int columns) {
        InputStream in = DictionaryFile.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("dictionary table " + name + " is missing from the class path");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != columns) {
                    throw new IllegalStateException(name + ":" + number + ": expected " + columns + " columns, found " + fields.length);
                }
                rows.add(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dictionary table " + name, e);
        }
        return rows;
    }

    static int hex(String text) {
        return Integer.parseInt(text, 16);
    }
}
