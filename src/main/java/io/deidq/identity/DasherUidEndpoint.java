package io.deidq.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * {@code POST {base}/v1/uid/{study}} with the bearer access token, answered by the body of a 200.
 * A 401 gets the token replaced ({@link DasherTokens}) and the request sent once more, as som-tools
 * does; a second 401 is not retryable. Other answers are sorted by what trying again can do: a 5xx
 * is {@link DasherUnavailableException} (retried here, with backoff); 408 and 429 say "later", so
 * they are retryable by the stage but not retried at once; any other 4xx rejects the request
 * itself and is not retryable. Bodies of refusals are not quoted: they may echo patient ids.
 */
final class DasherUidEndpoint {

    private static final Logger log = LoggerFactory.getLogger(DasherUidEndpoint.class);

    private final DasherHttp http;
    private final DasherTokens tokens;

    DasherUidEndpoint(DasherHttp http, DasherTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    byte[] post(URI uid, byte[] request) throws IdentityException {
        String token = tokens.accessToken();
        HttpResponse<byte[]> response = http.post(uid, "DASHER", request, Optional.of(token));
        if (response.statusCode() == 401) {
            token = tokens.replace(token);
            response = http.post(uid, "DASHER", request, Optional.of(token));
            if (response.statusCode() == 401) {
                throw new IdentityException("DASHER (" + uid + ") refused the access token again after it was replaced (HTTP 401):"
                        + " the client may lack access to this study; a person must check the tokens and the study", false);
            }
        }
        int status = response.statusCode();
        log.debug("DASHER {} answered HTTP {} ({} bytes)", uid, status, response.body().length);
        if (status == 200) {
            return response.body();
        }
        if (status >= 500) {
            throw new DasherUnavailableException("DASHER (" + uid + ") answered HTTP " + status);
        }
        if (status == 408 || status == 429) {
            throw new IdentityException("DASHER (" + uid + ") answered HTTP " + status + ": it asks to be called later", true);
        }
        if (status >= 400) {
            throw new IdentityException("DASHER (" + uid + ") rejected the request: HTTP " + status
                    + " (its answer, " + response.body().length + " bytes, is not quoted: it may echo patient identifiers)", false);
        }
        throw new IdentityException("DASHER (" + uid + ") answered HTTP " + status + " instead of 200 (a proxy or login page?)", true);
    }
}
