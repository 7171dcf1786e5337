package io.deidq.receiver;

import java.sql.SQLException;

/**
 * Failures described for a log above DEBUG: database messages quote the values they refused (an
 * accession number too long, a UID twice), so only the kinds of exception and the SQL state are told.
 */
final class Failures {

    private static final int MOST_CAUSES = 8;

    private Failures() {
    }

    static String withoutValues(Throwable failure) {
        StringBuilder description = new StringBuilder();
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MOST_CAUSES; depth++, cause = cause.getCause()) {
            description.append(depth == 0 ? "" : " <- ").append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql) {
                description.append(" (SQL state ").append(sql.getSQLState()).append(", error ").append(sql.getErrorCode()).append(')');
            }
        }
        return description.toString();
    }
}
