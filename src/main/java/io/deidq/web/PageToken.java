package io.deidq.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code _token} of a listing's next page (DESIGN.md, "Conventions of the HTTP API"):
 * where the page before it ended, encoded so that clients pass it back rather than build it, and
 * the listing may page by something else later without breaking them.
 */
final class PageToken {

    private static final String BEFORE = "before:";

    private PageToken() {
    }

    /** The token of the page of batches older than {@code id}. */
    static String of(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((BEFORE + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id the page ends before; a token this API did not give is a bad request. */
    static long before(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw notAToken();
        }
        if (!text.matches(BEFORE + "[1-9]\\d{0,17}")) {
            throw notAToken();
        }
        return Long.parseLong(text.substring(BEFORE.length()));
    }

    private static BatchApiError notAToken() {
        return BatchApiError.badRequest("_token must be the next_token of an earlier page");
    }
}
