package io.deidq.recipe;

/**
 * A region of the pixels named by a filter label: {@code coordinates} blanks it, {@code
 * keepcoordinates} keeps it and blanks the rest. {@code ctpcoordinates x,y,w,h} is held as the box
 * {@code x,y,x+w,y+h}.
 */
public record Coordinates(boolean keep, Region region, Origin origin) {

    public sealed interface Region {
    }

    /** Columns {@code x0} to {@code x1} and rows {@code y0} to {@code y1}, ends exclusive, as deid's numpy slices. */
    public record Box(int x0, int y0, int x1, int y1) implements Region {
    }

    /** {@code all}: the whole frame. */
    public record All() implements Region {
    }

    /** {@code from:SEQUENCE}: the regions of each item of a sequence such as SequenceOfUltrasoundRegions. */
    public record FromSequence(String keyword) implements Region {
    }
}
