package io.deidq.upload;

import java.util.regex.Pattern;

/**
 * The name an output is stored under: Study/Series/SOP.dcm or .json, the new UIDs only. Checked
 * again here, so that no sink writes outside its root whatever its caller passes.
 */
final class SinkName {

    private static final Pattern NAME = Pattern.compile("[0-9]+(\\.[0-9]+)*(/[0-9]+(\\.[0-9]+)*)*\\.(dcm|json)");

    private SinkName() {
    }

    static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an output name (UIDs joined by '/', ending .dcm or .json)");
        }
        return name;
    }
}
