package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Fragments;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;
import io.deidq.dicom.io.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pixel cleaning as deid's test_clean.py and test_clean_pixel_dimensions.py pin it (2D, RGB,
 * greyscale and RGB cine; remove, remove all, keep, keep from a sequence, several boxes, several
 * groups), each held against a mask built pixel by pixel as deid's numpy code builds it.
 */
class PixelCleanerTest {

    @TempDir
    Path tmp;

    /** A native image whose every byte is non-zero, so that a blanked byte shows. */
    static Dataset image(int rows, int columns, int frames, int samples, int bits, boolean planar) {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.9.7433.2.1");
        ds.putLong(Tag.SamplesPerPixel, VR.US, samples);
        ds.putString(Tag.PhotometricInterpretation, VR.CS, samples == 3 ? "RGB" : "MONOCHROME2");
        if (samples > 1) {
            ds.putLong(Tag.PlanarConfiguration, VR.US, planar ? 1 : 0);
        }
        if (frames > 1) {
            ds.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        }
        ds.putLong(Tag.Rows, VR.US, rows);
        ds.putLong(Tag.Columns, VR.US, columns);
        ds.putLong(Tag.BitsAllocated, VR.US, bits);
        ds.putLong(Tag.BitsStored, VR.US, bits);
        ds.putLong(Tag.HighBit, VR.US, bits - 1);
        ds.putLong(Tag.PixelRepresentation, VR.US, 0);
        int length = rows * columns * frames * samples * bits / 8;
        byte[] pixels = new byte[length + (length % 2)];
        for (int i = 0; i < length; i++) {
            pixels[i] = (byte) (i % 251 + 1);
        }
        ds.put(Element.of(Tag.PixelData, bits == 8 ? VR.OB : VR.OW, pixels));
        return ds;
    }

    static Coordinates blank(int x0, int y0, int x1, int y1) {
        return new Coordinates(false, new Coordinates.Box(x0, y0, x1, y1), null);
    }

    static Coordinates keep(int x0, int y0, int x1, int y1) {
        return new Coordinates(true, new Coordinates.Box(x0, y0, x1, y1), null);
    }

    static Coordinates all(boolean keep) {
        return new Coordinates(keep, new Coordinates.All(), null);
    }

    /** deid's mask: all kept, then each box sets mask[y0:y1, x0:x1] to keep (1) or blank (0), in order. */
    static boolean[][] mask(int rows, int columns, List<Coordinates> regions) {
        boolean[][] kept = new boolean[rows][columns];
        for (boolean[] row : kept) {
            Arrays.fill(row, true);
        }
        for (Coordinates c : regions) {
            Coordinates.Box box = c.region() instanceof Coordinates.Box b ? b : new Coordinates.Box(0, 0, columns, rows);
            for (int y = box.y0(); y < Math.min(box.y1(), rows); y++) {
                for (int x = box.x0(); x < Math.min(box.x1(), columns); x++) {
                    kept[y][x] = c.keep();
                }
            }
        }
        return kept;
    }

    /** What cleaning must leave: the original bytes, 0 where the mask blanks, on every frame and sample. */
    static byte[] expected(byte[] original, int rows, int columns, int frames, int samples, int bytes, boolean planar, boolean[][] kept) {
        byte[] result = original.clone();
        for (int f = 0; f < frames; f++) {
            for (int s = 0; s < samples; s++) {
                for (int y = 0; y < rows; y++) {
                    for (int x = 0; x < columns; x++) {
                        if (kept[y][x]) {
                            continue;
                        }
                        int pixel = planar ? (s * rows * columns + y * columns + x) : ((y * columns + x) * samples + s);
                        int at = (f * rows * columns * samples + pixel) * bytes;
                        Arrays.fill(result, at, at + bytes, (byte) 0);
                    }
                }
            }
        }
        return result;
    }

    private static void assertCleaned(int rows, int columns, int frames, int samples, int bits, boolean planar, List<Coordinates> regions)
            throws PixelCleaningException {
        Dataset ds = image(rows, columns, frames, samples, bits, planar);
        Element before = ds.get(Tag.PixelData);
        byte[] original = before.bytes().clone();
        PixelCleaner.clean(ds, regions);
        Element after = ds.get(Tag.PixelData);
        assertThat(after.tag()).isEqualTo(Tag.PixelData);
        assertThat(after.vr()).isEqualTo(before.vr());
        byte[] want = expected(original, rows, columns, frames, samples, bits / 8, planar, mask(rows, columns, regions));
        assertThat(after.bytes()).isEqualTo(want).isNotEqualTo(original);
        assertThat(before.bytes()).as("the value held before is not written into").isEqualTo(original);
    }

    @Test
    void blanksABoxOfA2dGreyscaleImage() throws PixelCleaningException {
        Dataset ds = image(6, 8, 1, 1, 8, false);
        PixelCleaner.clean(ds, List.of(blank(1, 2, 4, 5)));
        byte[] pixels = ds.get(Tag.PixelData).bytes();
        assertThat(pixels[2 * 8 + 1]).as("(1,2), the first pixel of the box").isZero();
        assertThat(pixels[4 * 8 + 3]).as("(3,4), the last pixel of the box").isZero();
        assertThat(pixels[2 * 8 + 4]).as("(4,2), just right of the box: ends are exclusive").isEqualTo((byte) 21);
        assertThat(pixels[5 * 8 + 1]).as("(1,5), just below the box").isEqualTo((byte) 42);
        assertCleaned(6, 8, 1, 1, 8, false, List.of(blank(1, 2, 4, 5)));
    }

    @Test
    void everyBitDepthBlanksWholePixels() throws PixelCleaningException {
        assertCleaned(5, 7, 1, 1, 16, false, List.of(blank(0, 0, 3, 2)));
        assertCleaned(5, 7, 1, 1, 32, false, List.of(blank(2, 1, 7, 5)));
    }

    @Test
    void rgbInterleavedAndPlanar() throws PixelCleaningException {
        assertCleaned(6, 5, 1, 3, 8, false, List.of(blank(1, 1, 3, 4)));
        assertCleaned(6, 5, 1, 3, 8, true, List.of(blank(1, 1, 3, 4)));
        assertCleaned(4, 4, 1, 3, 16, true, List.of(blank(0, 2, 4, 4)));
    }

    @Test
    void everyFrameOfAGreyscaleOrRgbCine() throws PixelCleaningException {
        assertCleaned(6, 5, 3, 1, 16, false, List.of(blank(0, 0, 2, 2)));
        assertCleaned(6, 5, 4, 3, 8, false, List.of(blank(2, 3, 5, 6)));
        assertCleaned(6, 5, 2, 3, 8, true, List.of(blank(2, 3, 5, 6)));
        Dataset cine = image(2, 2, 3, 1, 8, false);
        PixelCleaner.clean(cine, List.of(blank(0, 0, 1, 1)));
        assertThat(cine.get(Tag.PixelData).bytes()).containsExactly(0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12);
    }

    @Test
    void removeAll() throws PixelCleaningException {
        Dataset ds = image(3, 4, 2, 1, 16, false);
        PixelCleaner.clean(ds, List.of(all(false)));
        assertThat(ds.get(Tag.PixelData).bytes()).containsOnly(0).hasSize(48);
    }

    @Test
    void severalBoxesOfOneLabelOrOfSeveralGroups() throws PixelCleaningException {
        assertCleaned(30, 30, 1, 1, 8, false, List.of(blank(0, 0, 10, 10), blank(10, 10, 20, 20)));
        assertCleaned(30, 30, 1, 1, 8, false, List.of(blank(0, 0, 15, 15), blank(5, 5, 25, 25), blank(27, 0, 30, 30)));
    }

    @Test
    void keepCoordinatesTakeBackWhatEarlierRegionsBlanked() throws PixelCleaningException {
        assertCleaned(20, 30, 1, 1, 8, false, List.of(all(false), keep(0, 0, 10, 10)));
        assertCleaned(20, 30, 1, 1, 8, false, List.of(all(false), keep(0, 0, 10, 10), keep(20, 10, 30, 20)));
        assertCleaned(20, 30, 1, 1, 8, false, List.of(blank(0, 0, 20, 20), keep(5, 5, 10, 10), blank(7, 7, 8, 8)));
        Dataset lastWins = image(4, 4, 1, 1, 8, false);
        PixelCleaner.clean(lastWins, List.of(keep(0, 0, 2, 2), all(false)));
        assertThat(lastWins.get(Tag.PixelData).bytes()).containsOnly(0);
    }

    @Test
    void boxesAreClippedToTheFrame() throws PixelCleaningException {
        assertCleaned(10, 12, 2, 1, 16, false, List.of(blank(8, 6, 1024, 1024)));
        assertCleaned(10, 12, 1, 1, 8, false, List.of(blank(0, 0, 1024, 1024), keep(11, 9, 5000, 5000)));
    }

    @Test
    void keepCoordinatesAloneBlankNothingAndAreRefused() {
        // deid leaves such an image as it was (keepcoordinates_noaction.dicom); a flagged image must be cleaned
        Dataset ds = image(4, 4, 1, 1, 8, false);
        assertThatThrownBy(() -> PixelCleaner.clean(ds, List.of(keep(0, 0, 2, 2)))).isInstanceOf(PixelCleaningException.class)
                .hasMessage("the filter's coordinates blank no pixel of this 4 x 4 image");
        assertThatThrownBy(() -> PixelCleaner.clean(ds, List.of(blank(100, 100, 200, 200)))).isInstanceOf(PixelCleaningException.class)
                .hasMessage("the filter's coordinates blank no pixel of this 4 x 4 image");
    }

    private static Dataset region(long x0, long y0, long x1, long y1) {
        Dataset item = new Dataset();
        item.putLong(Tag.RegionLocationMinX0, VR.UL, x0);
        item.putLong(Tag.RegionLocationMinY0, VR.UL, y0);
        item.putLong(Tag.RegionLocationMaxX1, VR.UL, x1);
        item.putLong(Tag.RegionLocationMaxY1, VR.UL, y1);
        return item;
    }

    private static Dataset ultrasound(Dataset... regions) {
        Dataset ds = image(20, 20, 1, 3, 8, false);
        Sequence sequence = new Sequence(false);
        for (Dataset r : regions) {
            sequence.add(r);
        }
        ds.put(Element.of(Tag.SequenceOfUltrasoundRegions, VR.SQ, sequence));
        return ds;
    }

    private static final Coordinates KEEP_REGIONS = new Coordinates(true, new Coordinates.FromSequence("SequenceOfUltrasoundRegions"), null);
    private static final Coordinates BLANK_REGIONS = new Coordinates(false, new Coordinates.FromSequence("SequenceOfUltrasoundRegions"), null);

    @Test
    void regionsToKeepFromASequenceEndWhereDeidEndsThem() throws PixelCleaningException {
        Dataset ds = ultrasound(region(0, 0, 10, 10), region(10, 10, 20, 20));
        byte[] original = ds.get(Tag.PixelData).bytes().clone();
        PixelCleaner.clean(ds, List.of(all(false), KEEP_REGIONS));
        byte[] want = expected(original, 20, 20, 1, 3, 1, false, mask(20, 20, List.of(all(false), keep(0, 0, 10, 10), keep(10, 10, 20, 20))));
        assertThat(ds.get(Tag.PixelData).bytes()).isEqualTo(want);
    }

    @Test
    void regionsToBlankFromASequenceIncludeTheirLastColumnAndRow() throws PixelCleaningException {
        Dataset ds = ultrasound(region(2, 3, 5, 6));
        byte[] original = ds.get(Tag.PixelData).bytes().clone();
        PixelCleaner.clean(ds, List.of(BLANK_REGIONS));
        byte[] want = expected(original, 20, 20, 1, 3, 1, false, mask(20, 20, List.of(blank(2, 3, 6, 7))));
        assertThat(ds.get(Tag.PixelData).bytes()).isEqualTo(want);
    }

    @Test
    void aSequenceThatIsMissingGivesNoRegion() throws PixelCleaningException {
        Dataset ds = image(4, 4, 1, 1, 8, false);
        PixelCleaner.clean(ds, List.of(all(false), KEEP_REGIONS));
        assertThat(ds.get(Tag.PixelData).bytes()).containsOnly(0);
        assertThatThrownBy(() -> PixelCleaner.clean(image(4, 4, 1, 1, 8, false), List.of(BLANK_REGIONS)))
                .isInstanceOf(PixelCleaningException.class).hasMessage("the filter's coordinates blank no pixel of this 4 x 4 image");
    }

    @Test
    void aRegionWithoutItsLocationCannotBeBlankedAndIsNotKept() throws PixelCleaningException {
        Dataset partial = region(0, 0, 10, 10);
        partial.remove(Tag.RegionLocationMaxY1);
        assertThatThrownBy(() -> PixelCleaner.clean(ultrasound(region(0, 0, 1, 1), partial), List.of(BLANK_REGIONS)))
                .isInstanceOf(PixelCleaningException.class).hasMessage("item 1 of SequenceOfUltrasoundRegions lacks one of "
                        + "RegionLocationMinX0, MinY0, MaxX1, MaxY1, so its region cannot be blanked");
        Dataset ds = ultrasound(partial);
        PixelCleaner.clean(ds, List.of(all(false), KEEP_REGIONS));
        assertThat(ds.get(Tag.PixelData).bytes()).containsOnly(0);
    }

    @Test
    void fromAnElementThatIsNoSequence() {
        Dataset ds = image(4, 4, 1, 1, 8, false);
        ds.putString(Tag.SequenceOfUltrasoundRegions, VR.LO, "x");
        assertThatThrownBy(() -> PixelCleaner.clean(ds, List.of(BLANK_REGIONS))).isInstanceOf(PixelCleaningException.class)
                .hasMessage("from:SequenceOfUltrasoundRegions names an element that is not a sequence");
    }

    @Test
    void anOddLengthKeepsItsPaddingByte() throws PixelCleaningException {
        Dataset ds = image(3, 3, 1, 1, 8, false);
        assertThat(ds.get(Tag.PixelData).length()).isEqualTo(10);
        PixelCleaner.clean(ds, List.of(all(false)));
        assertThat(ds.get(Tag.PixelData).bytes()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertCleaned(3, 3, 1, 1, 8, false, List.of(blank(1, 1, 2, 2)));
    }

    @Test
    void refusesWhatItCannotClean() {
        List<Coordinates> box = List.of(blank(0, 0, 1, 1));
        assertRefused(image(4, 4, 1, 1, 8, false), List.of(), "the image is flagged but the filter gives no coordinates to clean");
        Dataset noPixels = image(4, 4, 1, 1, 8, false);
        noPixels.remove(Tag.PixelData);
        assertRefused(noPixels, box, "the image is flagged but has no Pixel Data (7FE0,0010) to clean");

        Dataset compressed = image(4, 4, 1, 1, 8, false);
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]);
        fragments.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        compressed.put(Element.of(Tag.PixelData, VR.OB, fragments));
        assertRefused(compressed, box, "compressed Pixel Data (transfer syntax encapsulated) cannot be cleaned");
        assertThatThrownBy(() -> PixelCleaner.clean(compressed, box, TransferSyntax.of("1.2.840.10008.1.2.4.50")))
                .isInstanceOf(PixelCleaningException.class)
                .hasMessage("compressed Pixel Data (transfer syntax JPEGProcess1TransferSyntax) cannot be cleaned");

        Dataset oneBit = image(8, 8, 1, 1, 8, false);
        oneBit.putLong(Tag.BitsAllocated, VR.US, 1);
        assertRefused(oneBit, box, "BitsAllocated is 1: only pixels of 8, 16 or 32 bits can be cleaned");
        Dataset twelve = image(8, 8, 1, 1, 16, false);
        twelve.putLong(Tag.BitsAllocated, VR.US, 12);
        assertRefused(twelve, box, "BitsAllocated is 12: only pixels of 8, 16 or 32 bits can be cleaned");
        Dataset noBits = image(8, 8, 1, 1, 16, false);
        noBits.remove(Tag.BitsAllocated);
        assertRefused(noBits, box, "BitsAllocated is missing: only pixels of 8, 16 or 32 bits can be cleaned");
        Dataset noRows = image(8, 8, 1, 1, 16, false);
        noRows.remove(Tag.Rows);
        assertRefused(noRows, box, "Rows is missing");

        Dataset framesUnsaid = image(4, 4, 2, 1, 8, false);
        framesUnsaid.remove(Tag.NumberOfFrames);
        assertRefused(framesUnsaid, box, "Pixel Data holds 32 bytes where 1 frames of 4 x 4 pixels, 1 samples of 8 bits, need 16");
        Dataset short16 = image(4, 4, 1, 1, 16, false);
        short16.put(Element.of(Tag.PixelData, VR.OW, new byte[30]));
        assertRefused(short16, box, "Pixel Data holds 30 bytes where 1 frames of 4 x 4 pixels, 1 samples of 16 bits, need 32");
        Dataset badFrames = image(4, 4, 1, 1, 8, false);
        badFrames.putString(Tag.NumberOfFrames, VR.IS, "two");
        assertRefused(badFrames, box, "NumberOfFrames is not a number");
        Dataset planar2 = image(4, 4, 1, 3, 8, false);
        planar2.putLong(Tag.PlanarConfiguration, VR.US, 2);
        assertRefused(planar2, box, "PlanarConfiguration is 2, neither 0 nor 1");

        Dataset ybr = image(4, 4, 1, 3, 8, false);
        ybr.putString(Tag.PhotometricInterpretation, VR.CS, "YBR_FULL_422");
        assertRefused(ybr, box, "PhotometricInterpretation YBR_FULL_422 holds subsampled chrominance, whose pixels cannot be cleaned one by one");
    }

    private static void assertRefused(Dataset ds, List<Coordinates> regions, String message) {
        Element before = ds.get(Tag.PixelData);
        assertThatThrownBy(() -> PixelCleaner.clean(ds, regions)).isInstanceOf(PixelCleaningException.class).hasMessage(message);
        assertThat(ds.get(Tag.PixelData)).isSameAs(before);
    }

    @Test
    void pixelsLeftInTheFileAreReadCleanedAndHeldInMemoryWithoutWritingTheFile() throws IOException, PixelCleaningException {
        Dataset source = image(16, 16, 2, 1, 16, false);
        byte[] original = source.get(Tag.PixelData).bytes().clone();
        Path file = tmp.resolve("source.dcm");
        DicomWriter.writeFile(file, source, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] fileBefore = Files.readAllBytes(file);
        List<Coordinates> regions = List.of(blank(0, 0, 8, 4));
        try (DicomFile read = DicomReader.readFile(file, ReadOptions.DEFAULT.withBulkThreshold(64))) {
            assertThat(read.dataset().get(Tag.PixelData).isBulk()).isTrue();
            PixelCleaner.clean(read.dataset(), regions);
            Element cleaned = read.dataset().get(Tag.PixelData);
            assertThat(cleaned.isInMemory()).isTrue();
            assertThat(cleaned.vr()).isEqualTo(VR.OW);
            assertThat(cleaned.bytes()).isEqualTo(expected(original, 16, 16, 2, 1, 2, false, mask(16, 16, regions)));
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(fileBefore);
    }

    @Test
    void bigEndianPixelsInMemoryOrInTheFileAreCleanedAndWrittenBackInTheirOrder() throws IOException, PixelCleaningException {
        Dataset source = image(8, 6, 2, 1, 16, false);
        byte[] original = source.get(Tag.PixelData).bytes().clone();
        Path file = tmp.resolve("big.dcm");
        DicomWriter.writeFile(file, source, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        List<Coordinates> regions = List.of(blank(1, 1, 4, 3));
        byte[] want = expected(original, 8, 6, 2, 1, 2, false, mask(8, 6, regions));
        List<ReadOptions> ways = new ArrayList<>(List.of(ReadOptions.DEFAULT, ReadOptions.DEFAULT.withBulkThreshold(64)));
        for (ReadOptions options : ways) {
            Path out = tmp.resolve("big-cleaned-" + options.bulkThreshold() + ".dcm");
            try (DicomFile read = DicomReader.readFile(file, options)) {
                assertThat(read.transferSyntax().bigEndian()).isTrue();
                assertThat(read.dataset().get(Tag.PixelData).isBulk()).isEqualTo(options.bulkThreshold() == 64);
                PixelCleaner.clean(read.dataset(), regions);
                assertThat(read.dataset().get(Tag.PixelData).bytes()).as("little endian in memory").isEqualTo(want);
                DicomWriter.writeFile(out, read.dataset(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
            }
            byte[] written = Files.readAllBytes(out);
            byte[] wantBigEndian = want.clone();
            for (int i = 0; i + 1 < wantBigEndian.length; i += 2) {
                byte t = wantBigEndian[i];
                wantBigEndian[i] = wantBigEndian[i + 1];
                wantBigEndian[i + 1] = t;
            }
            assertThat(Arrays.copyOfRange(written, written.length - want.length, written.length)).isEqualTo(wantBigEndian);
            try (DicomFile back = DicomReader.readFile(out)) {
                assertThat(back.dataset().get(Tag.PixelData).bytes()).isEqualTo(want);
            }
        }
    }
}
