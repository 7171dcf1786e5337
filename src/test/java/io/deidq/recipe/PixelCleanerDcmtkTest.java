package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;
import io.deidq.dicom.io.ReadOptions;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.DicomFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recipe to cleaned file through dcmtk: images made by dump2dcm and img2dcm, read by DicomReader,
 * flagged by a recipe's filter, cleaned, written by DicomWriter, and their pixels read back by
 * dcmdump, which must find the regions black on every frame and every other pixel as it was.
 */
class PixelCleanerDcmtkTest {

    private static final String RECIPE = """
            FORMAT dicom
            %filter whitelist
            LABEL Marked as Clean
              contains BurnedInAnnotation NO
            %filter graylist
            LABEL Secondary capture banner # a label of this test
              contains Modality OT
              coordinates 0,0,12,2
              ctpcoordinates 3,5,4,3
            %header
            REMOVE PatientName
            """;

    @TempDir
    Path tmp;

    @Test
    void aMultiFrameImageMadeByDump2dcm() throws IOException, RecipeException, PixelCleaningException {
        int rows = 10;
        int columns = 12;
        int frames = 3;
        byte[] pixels = new byte[rows * columns * frames * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 251 + 1);
        }
        Files.write(tmp.resolve("pixels.raw"), pixels);
        Files.writeString(tmp.resolve("image.dump"), """
                (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7.3]
                (0008,0018) UI [1.2.826.0.1.3680043.9.7433.3.1]
                (0008,0060) CS [OT]
                (0010,0010) PN [Banner^Burned]
                (0028,0002) US 1
                (0028,0004) CS [MONOCHROME2]
                (0028,0008) IS [%d]
                (0028,0010) US %d
                (0028,0011) US %d
                (0028,0100) US 16
                (0028,0101) US 16
                (0028,0102) US 15
                (0028,0103) US 0
                (7fe0,0010) OW =pixels.raw
                """.formatted(frames, rows, columns));
        Dcmtk.run(tmp, "dump2dcm", "-q", "+te", "image.dump", "image.dcm").assertClean();

        List<Coordinates> regions = flaggedRegions();
        byte[] want = PixelCleanerTest.expected(pixels, rows, columns, frames, 1, 2, false,
                PixelCleanerTest.mask(rows, columns, regions));
        for (ReadOptions options : List.of(ReadOptions.DEFAULT, ReadOptions.DEFAULT.withBulkThreshold(16))) {
            Path out = tmp.resolve("cleaned-" + options.bulkThreshold() + ".dcm");
            cleanAndWrite(tmp.resolve("image.dcm"), out, options, regions);
            assertThat(dcmdumpPixels(out)).isEqualTo(want);
        }
        assertThat(Files.readAllBytes(tmp.resolve("pixels.raw"))).isEqualTo(pixels);
        assertThat(dcmdumpPixels(tmp.resolve("image.dcm"))).as("the source file is as it was").isEqualTo(pixels);
    }

    @Test
    void anRgbImageMadeByImg2dcmFromABitmap() throws IOException, RecipeException, PixelCleaningException {
        int columns = 20;
        int rows = 9;
        BufferedImage bitmap = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                bitmap.setRGB(x, y, (x * 10 + 5) << 16 | (y * 20 + 7) << 8 | (x + y + 1));
            }
        }
        ImageIO.write(bitmap, "bmp", tmp.resolve("photo.bmp").toFile());
        Dcmtk.run(tmp, "img2dcm", "-i", "BMP", "photo.bmp", "photo.dcm").assertClean();
        try (DicomFile read = DicomReader.readFile(tmp.resolve("photo.dcm"))) {
            Dataset source = read.dataset();
            assertThat(source.getInt(Tag.SamplesPerPixel, 0)).isEqualTo(3);
            assertThat(source.getInt(Tag.PlanarConfiguration, -1)).isZero();
            source.putString(Tag.Modality, VR.CS, "OT");
            DicomWriter.writeFile(tmp.resolve("photo-ot.dcm"), DicomFiles.metaFor(read, read.transferSyntax()), source, read.transferSyntax());
        }
        byte[] original = dcmdumpPixels(tmp.resolve("photo-ot.dcm"));
        assertThat(original).hasSize(columns * rows * 3);
        assertThat(original[0]).as("red of pixel (0,0)").isEqualTo((byte) 5);

        List<Coordinates> regions = flaggedRegions();
        cleanAndWrite(tmp.resolve("photo-ot.dcm"), tmp.resolve("photo-cleaned.dcm"), ReadOptions.DEFAULT, regions);
        assertThat(dcmdumpPixels(tmp.resolve("photo-cleaned.dcm")))
                .isEqualTo(PixelCleanerTest.expected(original, rows, columns, 1, 3, 1, false, PixelCleanerTest.mask(rows, columns, regions)));
    }

    /** The regions the recipe's filter gives for an OT image: the graylist label's two boxes. */
    private static List<Coordinates> flaggedRegions() throws RecipeException {
        Dataset header = new Dataset();
        header.putString(Tag.Modality, VR.CS, "OT");
        FilterResult result = new PixelFilter(RecipeParser.parse("banner.recipe", RECIPE)).evaluate(header);
        assertThat(result.flagged()).isTrue();
        assertThat(result.reasons()).isEqualTo("graylist/Secondary capture banner");
        assertThat(result.regions()).extracting(Coordinates::region)
                .containsExactly(new Coordinates.Box(0, 0, 12, 2), new Coordinates.Box(3, 5, 7, 8));
        return result.regions();
    }

    private static void cleanAndWrite(Path source, Path target, ReadOptions options, List<Coordinates> regions)
            throws IOException, PixelCleaningException {
        try (DicomFile read = DicomReader.readFile(source, options)) {
            PixelCleaner.clean(read.dataset(), regions, read.transferSyntax());
            TransferSyntax ts = read.transferSyntax();
            DicomWriter.writeFile(target, DicomFiles.metaFor(read, ts), read.dataset(), ts);
        }
    }

    /** The pixels of a file as dcmdump writes them out (+W), after dcmdump has read the whole file cleanly. */
    private byte[] dcmdumpPixels(Path file) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "raw");
        Dcmtk.run(tmp, "dcmdump", "+W", dir.toString(), file.toString()).assertClean();
        try (var raws = Files.list(dir)) {
            List<Path> written = raws.toList();
            assertThat(written).hasSize(1);
            return Files.readAllBytes(written.get(0));
        }
    }
}
