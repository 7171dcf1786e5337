package io.deidq.web;

import io.deidq.batch.Batch;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch's ETag is its version, weak (seed 004, RFC 7232): {@code W/"7"}. A change must name the
 * version it was decided on in {@code If-Match}; a strong {@code "7"} is taken as the same tag.
 */
final class BatchETags {

    private static final Pattern TAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    private BatchETags() {
    }

    static String of(Batch batch) {
        return of(batch.version());
    }

    static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /** The version {@code ifMatch} names; empty when it is no tag of a batch version ({@code *}, a list, another form). */
    static OptionalLong version(String ifMatch) {
        Matcher tag = TAG.matcher(ifMatch.strip());
        return tag.matches() ? OptionalLong.of(Long.parseLong(tag.group(1))) : OptionalLong.empty();
    }
}
