package io.deidq.recipe;

import java.util.List;

/** A LABEL of a filter group that matched an image, with the regions of the pixels it names. */
public record FilterMatch(String group, String label, List<Coordinates> coordinates) {

    public FilterMatch {
        coordinates = List.copyOf(coordinates);
    }

    /** Whether the match is one of a {@code whitelist} group, which vouches for the image instead of flagging it. */
    boolean vouches() {
        return group.equalsIgnoreCase("whitelist");
    }
}
