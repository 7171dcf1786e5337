package io.deidq.cli;

import io.deidq.dicom.net.StoreScu;
import io.deidq.dicom.net.Timeouts;
import io.deidq.dicom.net.Tls;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the commands that open an association, named like storescu's: AE titles, the
 * maximum PDU length we accept, the timeout, and DICOM TLS with a key store (our certificate,
 * optional) and a trust store (the peers' certificates). Passwords may come from the environment
 * (DEIDQ_KEY_STORE_PASSWORD, DEIDQ_TRUST_STORE_PASSWORD) to keep them out of the process list.
 */
final class NetworkOptions {

    static final Map<String, Boolean> OPTIONS = Map.of("aet", true, "aec", true, "max-pdu", true, "timeout", true,
            "tls", false, "key-store", true, "key-store-password", true, "trust-store", true, "trust-store-password", true);

    static final String USAGE = "[--aet TITLE] [--aec TITLE] [--max-pdu BYTES] [--timeout SECONDS] "
            + "[--tls [--key-store FILE] [--trust-store FILE]]";

    private static final long DEFAULT_MAX_PDU = 131_072;
    private static final long DEFAULT_TIMEOUT_SECONDS = 30;

    private NetworkOptions() {
    }

    /** The options of a command that takes these and {@code own}. */
    static Map<String, Boolean> with(Map<String, Boolean> own) {
        Map<String, Boolean> all = new HashMap<>(OPTIONS);
        all.putAll(own);
        return all;
    }

    /** The peer at the first two operands, HOST and PORT. */
    static StoreScu.Peer peer(Arguments arguments, Map<String, String> environment) throws UsageException {
        List<String> operands = arguments.operands();
        if (operands.size() < 2) {
            throw new UsageException("HOST and PORT are needed");
        }
        int port;
        try {
            port = Integer.parseInt(operands.get(1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("PORT must be a number from 1 to 65535, not '" + operands.get(1) + "'");
        }
        long maxPdu = arguments.longValue("max-pdu", DEFAULT_MAX_PDU);
        if (maxPdu != 0 && (maxPdu < 4096 || maxPdu > 0xFFFFFFFFL)) {
            throw new UsageException("--max-pdu must be 0 (no limit) or from 4096 to 4294967295, not " + maxPdu);
        }
        long timeout = arguments.longValue("timeout", DEFAULT_TIMEOUT_SECONDS);
        if (timeout < 1 || timeout > Integer.MAX_VALUE / 1000) {
            throw new UsageException("--timeout must be a number of seconds from 1, not " + timeout);
        }
        int millis = (int) (timeout * 1000);
        return new StoreScu.Peer(operands.get(0), port, aeTitle(arguments, "aet", "DEIDQ"), aeTitle(arguments, "aec", "ANY-SCP"),
                maxPdu, new Timeouts(millis, millis, millis), tls(arguments, environment));
    }

    private static String aeTitle(Arguments arguments, String option, String orElse) throws UsageException {
        String title = arguments.value(option, orElse).strip();
        if (title.isEmpty() || title.length() > 16 || !title.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '\\')) {
            throw new UsageException("--" + option + " must be 1 to 16 characters of the default repertoire without backslash, not '"
                    + title + "'");
        }
        return title;
    }

    private static SSLContext tls(Arguments arguments, Map<String, String> environment) throws UsageException {
        if (!arguments.has("tls")) {
            for (String option : List.of("key-store", "key-store-password", "trust-store", "trust-store-password")) {
                if (arguments.has(option)) {
                    throw new UsageException("--" + option + " needs --tls");
                }
            }
            return null;
        }
        Path keyStore = path(arguments, "key-store");
        Path trustStore = path(arguments, "trust-store");
        try {
            return Tls.context(keyStore, password(arguments, environment, "key-store-password", "DEIDQ_KEY_STORE_PASSWORD"),
                    trustStore, password(arguments, environment, "trust-store-password", "DEIDQ_TRUST_STORE_PASSWORD"));
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Path path(Arguments arguments, String option) {
        return arguments.has(option) ? Path.of(arguments.value(option, "")) : null;
    }

    private static char[] password(Arguments arguments, Map<String, String> environment, String option, String variable) {
        String password = arguments.has(option) ? arguments.value(option, "") : environment.get(variable);
        return password == null ? null : password.toCharArray();
    }
}
