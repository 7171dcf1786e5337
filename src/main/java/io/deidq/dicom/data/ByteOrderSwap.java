package io.deidq.dicom.data;

/** Reverses the bytes of each value in place, converting between little and big endian. */
public final class ByteOrderSwap {

    private ByteOrderSwap() {
    }

    /** Swaps each {@code unitSize}-byte value in {@code bytes[from, to)}; {@code to - from} is a multiple of unitSize. */
    public static void swap(byte[] bytes, int from, int to, int unitSize) {
        if (unitSize <= 1) {
            return;
        }
        for (int i = from; i + unitSize <= to; i += unitSize) {
            for (int a = i, b = i + unitSize - 1; a < b; a++, b--) {
                byte t = bytes[a];
                bytes[a] = bytes[b];
                bytes[b] = t;
            }
        }
    }
}
