package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.dict.Tag;

/**
 * How native Pixel Data lays out its frames (PS3.3 C.7.6.3): {@code frames} frames of {@code
 * rows} x {@code columns} pixels of {@code samples} samples, each {@code bytesPerSample} bytes;
 * samples interleaved pixel by pixel, or {@code planar}, one plane per sample.
 */
record PixelLayout(int rows, int columns, int frames, int samples, int bytesPerSample, boolean planar) {

    static PixelLayout of(Dataset dataset) throws PixelCleaningException {
        int rows = positive(dataset, Tag.Rows, "Rows");
        int columns = positive(dataset, Tag.Columns, "Columns");
        int bitsAllocated = (int) number(dataset, Tag.BitsAllocated, "BitsAllocated", -1);
        if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new PixelCleaningException("BitsAllocated is " + (bitsAllocated == -1 ? "missing" : bitsAllocated)
                    + ": only pixels of 8, 16 or 32 bits can be cleaned");
        }
        int samples = (int) number(dataset, Tag.SamplesPerPixel, "SamplesPerPixel", 1);
        if (samples < 1) {
            throw new PixelCleaningException("SamplesPerPixel is " + samples);
        }
        long planarConfiguration = samples > 1 ? number(dataset, Tag.PlanarConfiguration, "PlanarConfiguration", 0) : 0;
        if (planarConfiguration != 0 && planarConfiguration != 1) {
            throw new PixelCleaningException("PlanarConfiguration is " + planarConfiguration + ", neither 0 nor 1");
        }
        long frames = number(dataset, Tag.NumberOfFrames, "NumberOfFrames", 1);
        if (frames < 1 || frames > Integer.MAX_VALUE) {
            throw new PixelCleaningException("NumberOfFrames is " + frames);
        }
        String photometric = dataset.getString(Tag.PhotometricInterpretation);
        if (photometric != null && photometric.startsWith("YBR_") && (photometric.endsWith("_422") || photometric.endsWith("_420"))) {
            throw new PixelCleaningException("PhotometricInterpretation " + photometric
                    + " holds subsampled chrominance, whose pixels cannot be cleaned one by one");
        }
        return new PixelLayout(rows, columns, (int) frames, samples, bitsAllocated / 8, planarConfiguration == 1);
    }

    long frameBytes() {
        return (long) rows * columns * samples * bytesPerSample;
    }

    long totalBytes() {
        return frameBytes() * frames;
    }

    private static int positive(Dataset dataset, int tag, String keyword) throws PixelCleaningException {
        long value = number(dataset, tag, keyword, 0);
        if (value < 1) {
            throw new PixelCleaningException(keyword + " is " + (value == 0 && !dataset.contains(tag) ? "missing" : value));
        }
        return (int) value;
    }

    private static long number(Dataset dataset, int tag, String keyword, long orElse) throws PixelCleaningException {
        try {
            return dataset.getLong(tag, orElse);
        } catch (RuntimeException notANumber) {
            throw new PixelCleaningException(keyword + " is not a number");
        }
    }
}
