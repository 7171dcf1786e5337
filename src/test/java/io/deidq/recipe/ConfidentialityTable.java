package io.deidq.recipe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deid-rules/ps3.15-table-e.1-1.tsv as rows: PS3.15 Table E.1-1, every column. */
record ConfidentialityTable(List<Row> rows) {

    static final Path FILE = Path.of("deid-rules/ps3.15-table-e.1-1.tsv");

    static final List<String> COLUMNS = List.of("name", "tag", "retired", "inStdCompIOD", "basicProfile",
            "rtnSafePriv", "rtnUIDs", "rtnDevId", "rtnInstId", "rtnPatChars", "rtnLongFullDates",
            "rtnLongModifDates", "cleanDesc", "cleanStructCont", "cleanGraph");

    private static final Pattern SINGLE_TAG = Pattern.compile("\\(([0-9A-F]{4}),([0-9A-F]{4})\\)");

    /** One row: its line in the file and its cells, in the order of {@link #COLUMNS}. */
    record Row(int line, List<String> cells) {

        String cell(String column) {
            return cells.get(COLUMNS.indexOf(column));
        }

        String name() {
            return cell("name");
        }

        String tag() {
            return cell("tag");
        }

        String basicProfile() {
            return cell("basicProfile");
        }

        /** {@code line 30 (Accession Number (0008,0050))}, for messages. */
        String describe() {
            return "line " + line + " (" + name() + " " + tag() + ")";
        }

        /** The tag of a row naming one attribute, or -1 for a mask such as (50xx,xxxx) and the private row. */
        int singleTag() {
            Matcher m = SINGLE_TAG.matcher(tag());
            return m.matches() ? Integer.parseUnsignedInt(m.group(1) + m.group(2), 16) : -1;
        }
    }

    static ConfidentialityTable read() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = List.of(line.split("\t", -1));
            if (header) {
                if (!f.equals(COLUMNS)) {
                    throw new AssertionError(FILE + " line " + (i + 1) + ": the columns should be " + COLUMNS);
                }
                header = false;
                continue;
            }
            if (f.size() != COLUMNS.size()) {
                throw new AssertionError(FILE + " line " + (i + 1) + ": " + f.size() + " fields");
            }
            rows.add(new Row(i + 1, f));
        }
        return new ConfidentialityTable(rows);
    }
}
