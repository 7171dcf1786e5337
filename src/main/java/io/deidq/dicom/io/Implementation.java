package io.deidq.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** How deidq names itself in File Meta Information and association negotiation (PS3.7 D.3.3.2). */
public final class Implementation {

    /** A UUID-derived UID (PS3.5 B.2), which needs no registered root. */
    public static final String CLASS_UID = "2.25.104750487086246389264562105681240097463";

    /** deidq's version, from the build. */
    public static final String VERSION = readVersion();

    /** At most 16 characters (VR SH). */
    public static final String VERSION_NAME = truncate("DEIDQ_" + VERSION, 16);

    private Implementation() {
    }

    private static String readVersion() {
        try (InputStream in = Implementation.class.getResourceAsStream("/io/deidq/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/deidq/version.properties is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/deidq/version.properties", e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
