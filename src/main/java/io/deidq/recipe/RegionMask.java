package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which pixels of a frame to blank, as deid's clean_pixel_data builds its mask: every pixel
 * kept at first, then each region in order sets its box to blank ({@code coordinates}) or keep
 * ({@code keepcoordinates}); the last region over a pixel decides. Boxes are clipped to the
 * frame, as numpy slices are. A keep region therefore only takes back pixels an earlier region
 * blanked ({@code coordinates all} then {@code keepcoordinates ...} keeps just those boxes).
 */
final class RegionMask {

    /** A rectangle of a frame, columns {@code x0..x1} and rows {@code y0..y1}, ends exclusive. */
    record Rectangle(int x0, int y0, int x1, int y1) {
    }

    private record Region(boolean keep, Rectangle box) {
    }

    private RegionMask() {
    }

    /** The rectangles to blank on each frame of {@code columns} x {@code rows}; empty when the regions blank nothing. */
    static List<Rectangle> blanked(List<Coordinates> coordinates, Dataset dataset, int columns, int rows) throws PixelCleaningException {
        List<Region> regions = new ArrayList<>();
        for (Coordinates c : coordinates) {
            for (Rectangle box : boxes(c, dataset, columns, rows)) {
                Rectangle clipped = new Rectangle(Math.min(box.x0(), columns), Math.min(box.y0(), rows),
                        Math.min(box.x1(), columns), Math.min(box.y1(), rows));
                if (clipped.x0() < clipped.x1() && clipped.y0() < clipped.y1()) {
                    regions.add(new Region(c.keep(), clipped));
                }
            }
        }
        return cells(regions, columns, rows);
    }

    /**
     * The mask is constant between the edges of the boxes, so it is decided once for each cell of
     * the grid those edges draw rather than pixel by pixel.
     */
    private static List<Rectangle> cells(List<Region> regions, int columns, int rows) {
        TreeSet<Integer> xs = new TreeSet<>(List.of(0, columns));
        TreeSet<Integer> ys = new TreeSet<>(List.of(0, rows));
        for (Region region : regions) {
            xs.add(region.box().x0());
            xs.add(region.box().x1());
            ys.add(region.box().y0());
            ys.add(region.box().y1());
        }
        Integer[] x = xs.toArray(Integer[]::new);
        Integer[] y = ys.toArray(Integer[]::new);
        List<Rectangle> blanked = new ArrayList<>();
        for (int j = 0; j + 1 < y.length; j++) {
            int runStart = -1;
            for (int i = 0; i + 1 < x.length; i++) {
                boolean blank = isBlank(regions, x[i], y[j]);
                if (blank && runStart < 0) {
                    runStart = x[i];
                } else if (!blank && runStart >= 0) {
                    blanked.add(new Rectangle(runStart, y[j], x[i], y[j + 1]));
                    runStart = -1;
                }
            }
            if (runStart >= 0) {
                blanked.add(new Rectangle(runStart, y[j], columns, y[j + 1]));
            }
        }
        return blanked;
    }

    /** Whether the cell whose top left pixel is (x, y) ends blank; a cell lies wholly inside or outside each box. */
    private static boolean isBlank(List<Region> regions, int x, int y) {
        boolean blank = false;
        for (Region region : regions) {
            Rectangle box = region.box();
            if (x >= box.x0() && x < box.x1() && y >= box.y0() && y < box.y1()) {
                blank = !region.keep();
            }
        }
        return blank;
    }

    private static List<Rectangle> boxes(Coordinates coordinates, Dataset dataset, int columns, int rows) throws PixelCleaningException {
        Coordinates.Region region = coordinates.region();
        if (region instanceof Coordinates.Box b) {
            return List.of(new Rectangle(b.x0(), b.y0(), b.x1(), b.y1()));
        }
        if (region instanceof Coordinates.FromSequence from) {
            return fromSequence(from.keyword(), coordinates.keep(), dataset);
        }
        return List.of(new Rectangle(0, 0, columns, rows));
    }

    /**
     * The regions of each item of a sequence such as SequenceOfUltrasoundRegions. DICOM's
     * RegionLocationMaxX1 and MaxY1 are the last column and row of the region (inclusive); deid
     * slices to them as if exclusive. A region to keep follows deid (its last column and row are
     * not kept); a region to blank follows DICOM (they are blanked), so that neither way lets a
     * pixel through that either reading blanks. An item without its four locations cannot be
     * blanked, so it fails the image; one to keep is passed over, as deid does.
     */
    private static List<Rectangle> fromSequence(String keyword, boolean keep, Dataset dataset) throws PixelCleaningException {
        int tag = ElementDictionary.tagOf(keyword);
        Element element = tag == -1 ? null : dataset.get(tag);
        if (element == null) {
            return List.of();
        }
        if (!element.isSequence()) {
            throw new PixelCleaningException("from:" + keyword + " names an element that is not a sequence");
        }
        List<Rectangle> boxes = new ArrayList<>();
        int index = 0;
        for (Dataset item : element.sequence()) {
            long x0 = location(item, Tag.RegionLocationMinX0);
            long y0 = location(item, Tag.RegionLocationMinY0);
            long x1 = location(item, Tag.RegionLocationMaxX1);
            long y1 = location(item, Tag.RegionLocationMaxY1);
            if (x0 < 0 || y0 < 0 || x1 < 0 || y1 < 0) {
                if (!keep) {
                    throw new PixelCleaningException("item " + index + " of " + keyword
                            + " lacks one of RegionLocationMinX0, MinY0, MaxX1, MaxY1, so its region cannot be blanked");
                }
            } else {
                int end = keep ? 0 : 1;
                boxes.add(new Rectangle(clamp(x0), clamp(y0), clamp(x1 + end), clamp(y1 + end)));
            }
            index++;
        }
        return boxes;
    }

    private static long location(Dataset item, int tag) {
        try {
            return item.getLong(tag, -1);
        } catch (RuntimeException notANumber) {
            return -1;
        }
    }

    private static int clamp(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
