package io.deidq.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The identity service as DASHER serves it (seed 000; DESIGN.md, "Identity service contract"):
 * the request is split into calls DASHER takes, each call is posted to {@code /v1/uid/{study}}
 * through retry, circuit breaker and rate limiter, each answer is checked against its call, and
 * the answers are put back together. A call that fails fails the whole request: a rerun asks
 * again, and DASHER gives the same answers to the same questions.
 *
 * Everything it needs is checked when it is made (at start-up of the dasher mode): the settings,
 * the secrets file and its tokens. A missing or unreadable secrets file then stops deidq at once,
 * rather than failing the first batch hours later.
 */
public final class DasherIdentityService implements IdentityService {

    /** What a study name may be: it becomes a path segment, lowercased as som-tools does. */
    static final Pattern STUDY = Pattern.compile("[A-Za-z0-9_-]+");

    private static final Logger log = LoggerFactory.getLogger(DasherIdentityService.class);

    private final URI uid;
    private final String defaultStudy;
    private final DasherUidEndpoint endpoint;
    private final DasherResilience resilience;
    private final DasherRequestSplitter splitter;
    private final DasherAnswerReader reader = new DasherAnswerReader();
    private final DasherReassembly reassembly = new DasherReassembly();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param environment where the secrets file's variable is looked up (the process environment)
     * @throws IllegalStateException naming the property, variable or file that keeps the client from working
     */
    public DasherIdentityService(DasherProperties properties, UnaryOperator<String> environment) {
        properties.check();
        uid = properties.uidEndpoint();
        warnIfPlainHttp(uid);
        defaultStudy = properties.study();
        DasherSecretsFile secrets;
        DasherCredentials credentials;
        try {
            secrets = DasherSecretsFile.locate(environment);
            credentials = secrets.read();
        } catch (DasherSecretsException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        secrets.warnIfShared();
        DasherHttp http = new DasherHttp(properties.connectTimeout(), properties.requestTimeout());
        endpoint = new DasherUidEndpoint(http, new DasherTokens(secrets, credentials, http));
        resilience = new DasherResilience(properties);
        splitter = new DasherRequestSplitter(properties.maxItemsPerEntity(), properties.maxItemsPerCall());
        log.info("DASHER client for {} (default study '{}'), secrets from {}", uid, defaultStudy, secrets.describe());
    }

    @Override
    public IdentityResponse identify(String study, IdentityRequest request) throws IdentityException {
        String name = study == null || study.isBlank() ? defaultStudy : study.strip();
        if (!STUDY.matcher(name).matches()) {
            throw new IdentityException("the study name must be letters, digits, '_' or '-' for DASHER, not '" + name + "'", false);
        }
        URI target = uid.resolve(name.toLowerCase(Locale.ROOT));
        List<IdentityRequest> calls = splitter.split(request);
        int items = request.identifiers().stream().mapToInt(entity -> entity.items().size()).sum();
        log.debug("DASHER study '{}': {} entities, {} items, in {} calls", name, request.identifiers().size(), items, calls.size());
        List<IdentityResponse> answers = new ArrayList<>(calls.size());
        for (int k = 0; k < calls.size(); k++) {
            IdentityRequest call = calls.get(k);
            byte[] body = encode(call);
            try {
                answers.add(resilience.call(() -> reader.read(endpoint.post(target, body), call)));
            } catch (IdentityException e) {
                throw new IdentityException("identifying " + request.identifiers().size() + " entities with " + items
                        + " items for study '" + name + "' failed at call " + (k + 1) + " of " + calls.size() + ": "
                        + e.getMessage(), e.retryable(), e);
            }
        }
        return reassembly.merge(request, answers);
    }

    private byte[] encode(IdentityRequest call) {
        try {
            return json.writeValueAsBytes(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an identity request as JSON", e);
        }
    }

    /** A bearer token sent in the clear to another machine can be read on the way. */
    private static void warnIfPlainHttp(URI uid) {
        String host = uid.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if (uid.getScheme().equalsIgnoreCase("http") && !loopback) {
            log.warn("the DASHER base URL {} is plain http: the access token would cross the network unencrypted; use https", uid);
        }
    }
}
