package io.deidq.identity;

import java.net.URI;

/**
 * What the DASHER secrets file holds: the bearer token for calls, the token that buys the next
 * one, and where to buy it. {@link #toString()} leaves the tokens out, so that no log line or
 * message that prints these credentials can carry them.
 */
record DasherCredentials(String accessToken, String refreshToken, URI tokenUri, String clientId) {

    DasherCredentials withTokens(String newAccessToken, String newRefreshToken) {
        return new DasherCredentials(newAccessToken, newRefreshToken, tokenUri, clientId);
    }

    @Override
    public String toString() {
        return "DasherCredentials[tokenUri=" + tokenUri + ", clientId=" + clientId + ", tokens withheld]";
    }
}
