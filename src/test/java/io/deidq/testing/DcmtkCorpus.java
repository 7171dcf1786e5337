package io.deidq.testing;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * DICOM files made by dcmtk, built once per test run under target/: a data set with every VR,
 * nested and empty sequences, private elements and overlays in each of the four encodings and
 * with undefined lengths; images compressed by dcmcjpeg, dcmcjpls and dcmcrle; Secondary Captures
 * made by img2dcm; and files in several character sets. Compressed transfer syntaxes that dcmtk
 * cannot write (JPEG 2000, HTJ2K, MPEG, HEVC, JPEG XL) are dcmtk's JPEG fragments under their
 * label: the reader passes fragments through without looking inside.
 */
public final class DcmtkCorpus {

    /** A corpus file; {@code charsetText} maps a tag's dump name to the Unicode text its value must decode to. */
    public record Sample(String name, Path file, boolean compressed, Map<String, String> charsetText) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static DcmtkCorpus instance;

    private final Path dir;
    private final List<Sample> samples = new ArrayList<>();

    private DcmtkCorpus(Path dir) {
        this.dir = dir;
    }

    public static synchronized DcmtkCorpus get() {
        if (instance == null) {
            try {
                Files.createDirectories(Path.of("target"));
                DcmtkCorpus corpus = new DcmtkCorpus(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dcmtk-corpus-"));
                corpus.build();
                instance = corpus;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot build the dcmtk corpus", e);
            }
        }
        return instance;
    }

    public List<Sample> samples() {
        return Collections.unmodifiableList(samples);
    }

    public Path dir() {
        return dir;
    }

    public Sample sample(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no corpus sample " + name));
    }

    private void build() throws IOException {
        Files.write(dir.resolve("pixels16.raw"), pixels(64 * 64 * 3, 2, 4095));
        Files.write(dir.resolve("pixels8.raw"), pixels(64 * 64 * 3, 1, 255));
        Files.write(dir.resolve("big16.raw"), pixels(256 * 256, 2, 65535));
        Files.write(dir.resolve("overlay.raw"), pixels(64 * 64 / 8, 1, 255));

        dump2dcm("zoo", Templates.ZOO, StandardCharsets.ISO_8859_1);
        dcmconv("zoo", "zoo-implicit", "+ti");
        dcmconv("zoo", "zoo-big-endian", "+tb");
        dcmconv("zoo", "zoo-deflated", "+td");
        dcmconv("zoo", "zoo-undefined-lengths", "-e");
        dcmconv("zoo", "zoo-implicit-undefined-lengths", "+ti", "-e");
        dcmconv("zoo", "zoo-big-endian-undefined-lengths", "+tb", "-e");

        dump2dcm("mr16", Templates.image("1.2.826.0.1.3680043.9.7433.1.2", 64, 64, 3, 16, 12, "pixels16.raw"), StandardCharsets.US_ASCII);
        dump2dcm("sc8", Templates.image("1.2.826.0.1.3680043.9.7433.1.3", 64, 64, 3, 8, 8, "pixels8.raw"), StandardCharsets.US_ASCII);
        dump2dcm("big16", Templates.image("1.2.826.0.1.3680043.9.7433.1.4", 256, 256, 1, 16, 16, "big16.raw"), StandardCharsets.US_ASCII);
        dcmconv("big16", "big16-big-endian", "+tb");

        compress("dcmcjpeg", "sc8", "jpeg-baseline", "+eb");
        compress("dcmcjpeg", "sc8", "jpeg-extended", "+ee");
        compress("dcmcjpeg", "sc8", "jpeg-spectral-selection", "+es");
        compress("dcmcjpeg", "sc8", "jpeg-progressive", "+ep");
        compress("dcmcjpeg", "mr16", "jpeg-lossless", "+el");
        compress("dcmcjpeg", "mr16", "jpeg-lossless-sv1", "+e1");
        compress("dcmcjpeg", "mr16", "jpeg-lossless-fragments", "+e1", "+fs", "1");
        compress("dcmcjpls", "mr16", "jpeg-ls-lossless", "+el");
        compress("dcmcjpls", "mr16", "jpeg-ls-near-lossless", "+en");
        compress("dcmcrle", "mr16", "rle", "+ff");
        compress("dcmcrle", "big16", "rle-big", "+ff");

        img2dcm();
        relabel("jpeg-lossless-sv1", "jpeg-2000-lossless", "1.2.840.10008.1.2.4.90");
        relabel("jpeg-lossless-sv1", "jpeg-2000", "1.2.840.10008.1.2.4.91");
        relabel("jpeg-lossless-sv1", "htj2k-lossless", "1.2.840.10008.1.2.4.201");
        relabel("jpeg-lossless-sv1", "htj2k", "1.2.840.10008.1.2.4.203");
        relabel("jpeg-lossless-sv1", "mpeg2-main-profile", "1.2.840.10008.1.2.4.100");
        relabel("jpeg-lossless-sv1", "mpeg4-high-profile", "1.2.840.10008.1.2.4.102");
        relabel("jpeg-lossless-sv1", "hevc-main-profile", "1.2.840.10008.1.2.4.107");
        relabel("jpeg-lossless-sv1", "jpeg-xl-lossless", "1.2.840.10008.1.2.4.110");

        for (Templates.CharsetCase c : Templates.CHARSETS) {
            Path dump = dir.resolve(c.name() + ".dump");
            Files.write(dump, c.dump());
            Dcmtk.run(dir, "dump2dcm", "--write-xfer-little", dump.toString(), c.name() + ".dcm").assertClean();
            samples.add(new Sample(c.name(), dir.resolve(c.name() + ".dcm"), false, c.expected()));
        }
    }

    private void dump2dcm(String name, String dump, Charset charset) throws IOException {
        Path dumpFile = dir.resolve(name + ".dump");
        Files.write(dumpFile, dump.getBytes(charset));
        Dcmtk.run(dir, "dump2dcm", "--write-xfer-little", dumpFile.toString(), name + ".dcm").assertClean();
        samples.add(new Sample(name, dir.resolve(name + ".dcm"), false, Map.of()));
    }

    private void dcmconv(String from, String name, String... options) {
        List<String> command = new ArrayList<>(List.of("dcmconv"));
        command.addAll(List.of(options));
        command.add(from + ".dcm");
        command.add(name + ".dcm");
        Dcmtk.run(dir, command.toArray(String[]::new)).assertClean();
        samples.add(new Sample(name, dir.resolve(name + ".dcm"), false, Map.of()));
    }

    private void compress(String tool, String from, String name, String... options) {
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(List.of(options));
        command.add(from + ".dcm");
        command.add(name + ".dcm");
        Dcmtk.run(dir, command.toArray(String[]::new)).assertClean();
        samples.add(new Sample(name, dir.resolve(name + ".dcm"), true, Map.of()));
    }

    /** img2dcm from a JPEG (kept compressed: JPEG Baseline) and from a BMP (uncompressed). */
    private void img2dcm() throws IOException {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (x * 2) << 16 | (y * 3) << 8 | ((x + y) & 0xFF));
            }
        }
        ImageIO.write(image, "jpg", dir.resolve("photo.jpg").toFile());
        ImageIO.write(image, "bmp", dir.resolve("photo.bmp").toFile());
        Dcmtk.run(dir, "img2dcm", "-i", "JPEG", "photo.jpg", "sc-from-jpeg.dcm").assertClean();
        samples.add(new Sample("sc-from-jpeg", dir.resolve("sc-from-jpeg.dcm"), true, Map.of()));
        Dcmtk.run(dir, "img2dcm", "-i", "BMP", "photo.bmp", "sc-from-bmp.dcm").assertClean();
        samples.add(new Sample("sc-from-bmp", dir.resolve("sc-from-bmp.dcm"), false, Map.of()));
    }

    private void relabel(String from, String name, String transferSyntaxUid) throws IOException {
        try (DicomFile source = DicomReader.readFile(dir.resolve(from + ".dcm"))) {
            Dataset dataset = source.dataset();
            DicomWriter.writeFile(dir.resolve(name + ".dcm"), dataset, TransferSyntax.of(transferSyntaxUid));
        }
        samples.add(new Sample(name, dir.resolve(name + ".dcm"), true, Map.of()));
    }

    /** Pseudo-random values up to {@code max}, so that compression has something to do. */
    private static byte[] pixels(int count, int bytesPerValue, int max) {
        ByteBuffer buffer = ByteBuffer.allocate(count * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
        long state = 42;
        for (int i = 0; i < count; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            int smooth = (i % 64) * 16 + (int) ((state >>> 33) % 64);
            int value = Math.min(max, smooth) & max;
            if (bytesPerValue == 1) {
                buffer.put((byte) value);
            } else {
                buffer.putShort((short) value);
            }
        }
        return buffer.array();
    }
}
