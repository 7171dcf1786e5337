package io.deidq.dicom.text;

import java.io.IOException;

/** Writes indented JSON, keeping track of commas; just what the DICOM JSON Model needs. */
final class JsonOutput {

    private final Appendable out;
    private int depth;
    private boolean first = true;
    private boolean afterKey;

    JsonOutput(Appendable out) {
        this.out = out;
    }

    JsonOutput beginObject() throws IOException {
        value();
        out.append('{');
        return open();
    }

    JsonOutput endObject() throws IOException {
        return close('}');
    }

    JsonOutput beginArray() throws IOException {
        value();
        out.append('[');
        return open();
    }

    JsonOutput endArray() throws IOException {
        return close(']');
    }

    JsonOutput key(String name) throws IOException {
        separate();
        quoted(name);
        out.append(": ");
        afterKey = true;
        return this;
    }

    JsonOutput string(String text) throws IOException {
        value();
        quoted(text);
        return this;
    }

    private void quoted(String text) throws IOException {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A number already in JSON's number syntax, or {@code null}. */
    JsonOutput raw(String literal) throws IOException {
        value();
        out.append(literal);
        return this;
    }

    void newline() throws IOException {
        out.append('\n');
    }

    private JsonOutput open() {
        depth++;
        first = true;
        afterKey = false;
        return this;
    }

    private JsonOutput close(char bracket) throws IOException {
        depth--;
        if (!first) {
            out.append('\n').append("  ".repeat(depth));
        }
        out.append(bracket);
        first = false;
        return this;
    }

    /** Before a value: a comma and newline unless it follows a key or opens a container. */
    private void value() throws IOException {
        if (afterKey) {
            afterKey = false;
            return;
        }
        if (depth > 0) {
            separate();
        }
    }

    private void separate() throws IOException {
        if (!first) {
            out.append(',');
        }
        out.append('\n').append("  ".repeat(depth));
        first = false;
    }
}
