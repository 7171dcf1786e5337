package io.deidq.dicom.data;

/** Arithmetic on tags, held as {@code int}: group in the high 16 bits, element in the low 16. */
public final class Tags {

    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    private Tags() {
    }

    public static int of(int group, int element) {
        return (group << 16) | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Odd groups other than 0001, 0003, 0005 and 0007 (which PS3.5 7.1 forbids) are private. */
    public static boolean isPrivate(int tag) {
        int group = group(tag);
        return (group & 1) == 1 && group > 0x0007 && group != 0xFFFF;
    }

    /** (gggg,0010-00FF) in a private group reserves a block of 256 elements for one creator. */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
    }

    /** The creator element, (gggg,00xx), that reserved the block of private element (gggg,xxyy). */
    public static int privateCreatorOf(int tag) {
        return (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
    }

    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** The tag as PS3 writes it, {@code (gggg,eeee)} in upper-case hexadecimal. */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", group(tag), element(tag));
    }
}
