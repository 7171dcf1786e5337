package io.deidq.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * One JSON POST, to DASHER or to its token URI, with the request timeout; what goes wrong on the
 * way (no connection, no answer in time) is a {@link DasherUnavailableException} naming the
 * target. The authorization header, when there is one, never reaches a message.
 */
final class DasherHttp {

    private final HttpClient client;
    private final Duration requestTimeout;

    DasherHttp(Duration connectTimeout, Duration requestTimeout) {
        // HTTP/1.1: over plain http the JDK would otherwise attempt an h2c upgrade on every POST, which proxies mishandle.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    HttpResponse<byte[]> post(URI target, String what, byte[] body, Optional<String> bearerToken) throws IdentityException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new DasherUnavailableException("cannot connect to " + what + " (" + target + ") within the connect timeout", e);
        } catch (HttpTimeoutException e) {
            throw new DasherUnavailableException(what + " (" + target + ") did not answer within " + DasherResilience.readable(requestTimeout), e);
        } catch (IOException e) {
            throw new DasherUnavailableException("cannot reach " + what + " (" + target + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityException("interrupted while waiting for " + what + " (" + target + ")", true, e);
        }
    }
}
