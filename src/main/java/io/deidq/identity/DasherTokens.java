package io.deidq.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The access token calls carry, and its replacement when DASHER refuses it (HTTP 401): som-tools'
 * refresh, {@code POST token_uri {"refreshToken": ...}} answered by a new accessToken and
 * refreshToken, which are written back to the secrets file. Replacements are serialized: of the
 * calls refused with one token, the first refreshes and the others take what it got. Before
 * refreshing, the file is read again, since another deidq process or a person may have put new
 * tokens there; a refresh token spent by someone else would be refused.
 *
 * New tokens that cannot be written to the file are logged as an error and used all the same.
 *
 * A refresh that the token URI refuses (4xx) is not retryable: the refresh token has expired or was
 * revoked, and only a person can put new tokens in the file. One the token URI fails to serve
 * (5xx, I/O, timeout) is retried like any call to DASHER.
 */
final class DasherTokens {

    private static final Logger log = LoggerFactory.getLogger(DasherTokens.class);

    private final DasherSecretsFile secrets;
    private final DasherHttp http;
    private final ObjectMapper json = new ObjectMapper();
    private final Object replacement = new Object();
    private volatile DasherCredentials current;

    DasherTokens(DasherSecretsFile secrets, DasherCredentials initial, DasherHttp http) {
        this.secrets = secrets;
        this.current = initial;
        this.http = http;
    }

    String accessToken() {
        return current.accessToken();
    }

    /** An access token other than {@code refused}: the one another call already got, the file's, or a refreshed one. */
    String replace(String refused) throws IdentityException {
        synchronized (replacement) {
            DasherCredentials known = current;
            if (!known.accessToken().equals(refused)) {
                return known.accessToken();
            }
            DasherCredentials onFile = readFile();
            if (!onFile.accessToken().equals(refused)) {
                log.info("DASHER refused the access token; the secrets file {} holds another one, which is used now", secrets.describe());
                current = onFile;
                return onFile.accessToken();
            }
            log.warn("DASHER refused the access token (HTTP 401, expired?): refreshing it through {}", onFile.tokenUri());
            DasherCredentials refreshed = refresh(onFile);
            // Kept before the file is written: if the refresh spent the old refresh token, these are the only good ones,
            // and the call they serve need not fail because the file could not take them.
            current = refreshed;
            try {
                secrets.replaceTokens(refreshed.accessToken(), refreshed.refreshToken());
                log.info("refreshed the DASHER access token; the secrets file {} holds the new tokens", secrets.describe());
            } catch (DasherSecretsException e) {
                log.error("refreshed the DASHER access token, but {}: this process goes on with the new tokens, and the next"
                        + " start will read the old ones, which DASHER may refuse; make the file and its directory writable", e.getMessage());
            }
            return refreshed.accessToken();
        }
    }

    private DasherCredentials readFile() throws IdentityException {
        try {
            return secrets.read();
        } catch (DasherSecretsException e) {
            throw new IdentityException(e.getMessage(), false, e);
        }
    }

    private DasherCredentials refresh(DasherCredentials credentials) throws IdentityException {
        ObjectNode body = json.createObjectNode().put("refreshToken", credentials.refreshToken());
        byte[] request;
        try {
            request = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the token refresh request", e);
        }
        HttpResponse<byte[]> response = http.post(credentials.tokenUri(), "DASHER's token URI", request, Optional.empty());
        int status = response.statusCode();
        if (status >= 500) {
            throw new DasherUnavailableException("refreshing the DASHER access token failed: the token URI (" + credentials.tokenUri()
                    + ") answered HTTP " + status);
        }
        if (status >= 400) {
            throw new IdentityException("DASHER refused to refresh the access token: the token URI (" + credentials.tokenUri()
                    + ") answered HTTP " + status + ". The refresh token in the secrets file " + secrets.describe()
                    + " has expired or was revoked; a person must put new tokens in that file", false);
        }
        if (status != 200) {
            throw new IdentityException("refreshing the DASHER access token failed: the token URI (" + credentials.tokenUri()
                    + ") answered HTTP " + status + " instead of 200", true);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new IdentityException("refreshing the DASHER access token failed: the token URI (" + credentials.tokenUri()
                    + ") answered 200 with something that is not JSON", true);
        }
        return credentials.withTokens(token(answer, "accessToken", credentials), token(answer, "refreshToken", credentials));
    }

    private static String token(JsonNode answer, String key, DasherCredentials credentials) throws IdentityException {
        JsonNode value = answer == null ? null : answer.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IdentityException("refreshing the DASHER access token failed: the token URI (" + credentials.tokenUri()
                    + ") answered 200 without " + key, true);
        }
        return value.asText();
    }
}
