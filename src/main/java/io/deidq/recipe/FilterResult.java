package io.deidq.recipe;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every LABEL of every filter group that matched an image, in recipe order. A match in a group
 * other than {@code whitelist} flags the image for pixel cleaning, whatever else matched: a
 * whitelist match alone does not flag, and does not unflag an image another group flags.
 */
public record FilterResult(List<FilterMatch> matches) {

    public FilterResult {
        matches = List.copyOf(matches);
    }

    public boolean flagged() {
        return matches.stream().anyMatch(match -> !match.vouches());
    }

    /** The regions the flagging matches name, in recipe order: what pixel cleaning applies. */
    public List<Coordinates> regions() {
        return matches.stream().filter(match -> !match.vouches()).flatMap(match -> match.coordinates().stream()).toList();
    }

    /** "group/label" of each flagging match, joined by "; " (recipe text, never a header value). */
    public String reasons() {
        return matches.stream().filter(match -> !match.vouches())
                .map(match -> match.group() + "/" + match.label()).collect(Collectors.joining("; "));
    }
}
