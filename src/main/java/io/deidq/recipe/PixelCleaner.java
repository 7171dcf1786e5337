package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.dict.Tag;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Blanks (sets to 0) the regions a filter names on every frame of native Pixel Data, as deid's
 * clean_pixel_data does (see {@link RegionMask} for how regions combine). The Pixel Data element
 * is replaced by an in-memory copy, same tag and VR; the source file is never written. Held in
 * memory as every value is, little endian, so the writer puts the bytes back in the file's byte
 * order. Where deid would leave a flagged image as it was, this refuses it: no coordinates,
 * coordinates that blank no pixel, compressed pixels, pixels it cannot lay out.
 */
public final class PixelCleaner {

    private PixelCleaner() {
    }

    public static void clean(Dataset dataset, List<Coordinates> regions) throws PixelCleaningException {
        clean(dataset, regions, null);
    }

    /** As {@link #clean(Dataset, List)}; {@code transferSyntax}, when known, is named if the pixels are compressed. */
    public static void clean(Dataset dataset, List<Coordinates> regions, TransferSyntax transferSyntax) throws PixelCleaningException {
        if (regions.isEmpty()) {
            throw new PixelCleaningException("the image is flagged but the filter gives no coordinates to clean");
        }
        Element pixels = dataset.get(Tag.PixelData);
        if (pixels == null) {
            throw new PixelCleaningException("the image is flagged but has no Pixel Data (7FE0,0010) to clean");
        }
        if (pixels.isFragments()) {
            throw new PixelCleaningException("compressed Pixel Data (transfer syntax "
                    + (transferSyntax == null ? "encapsulated" : transferSyntax.keyword()) + ") cannot be cleaned");
        }
        if (pixels.isSequence()) {
            throw new PixelCleaningException("Pixel Data (7FE0,0010) is a sequence, not pixels");
        }
        PixelLayout layout = PixelLayout.of(dataset);
        long expected = layout.totalBytes();
        long length = pixels.length();
        if (length != expected && !(length == expected + 1 && expected % 2 == 1)) {
            throw new PixelCleaningException("Pixel Data holds " + length + " bytes where " + layout.frames() + " frames of "
                    + layout.rows() + " x " + layout.columns() + " pixels, " + layout.samples() + " samples of "
                    + layout.bytesPerSample() * 8 + " bits, need " + expected);
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new PixelCleaningException("Pixel Data of " + length + " bytes is too large to clean in memory");
        }
        List<RegionMask.Rectangle> blanked = RegionMask.blanked(regions, dataset, layout.columns(), layout.rows());
        if (blanked.isEmpty()) {
            throw new PixelCleaningException("the filter's coordinates blank no pixel of this " + layout.columns() + " x "
                    + layout.rows() + " image");
        }
        byte[] bytes = copy(pixels);
        for (int frame = 0; frame < layout.frames(); frame++) {
            blank(bytes, frame * layout.frameBytes(), layout, blanked);
        }
        dataset.put(Element.of(Tag.PixelData, pixels.vr(), bytes));
    }

    /** A copy to change: a value in memory may be shared with another data set; one in the file is read in little endian. */
    private static byte[] copy(Element pixels) throws PixelCleaningException {
        if (pixels.isInMemory()) {
            return Arrays.copyOf(pixels.bytes(), pixels.bytes().length);
        }
        try {
            return pixels.bulkData().read(0, (int) pixels.length(), pixels.vr().unitSize());
        } catch (IOException e) {
            throw new PixelCleaningException("the Pixel Data cannot be read from its source file", e);
        }
    }

    private static void blank(byte[] bytes, long frameOffset, PixelLayout layout, List<RegionMask.Rectangle> blanked) {
        int pixelBytes = layout.bytesPerSample() * (layout.planar() ? 1 : layout.samples());
        int planes = layout.planar() ? layout.samples() : 1;
        long planeBytes = (long) layout.rows() * layout.columns() * pixelBytes;
        for (int plane = 0; plane < planes; plane++) {
            long planeOffset = frameOffset + plane * planeBytes;
            for (RegionMask.Rectangle r : blanked) {
                for (int y = r.y0(); y < r.y1(); y++) {
                    long from = planeOffset + ((long) y * layout.columns() + r.x0()) * pixelBytes;
                    Arrays.fill(bytes, (int) from, (int) (from + (long) (r.x1() - r.x0()) * pixelBytes), (byte) 0);
                }
            }
        }
    }
}
