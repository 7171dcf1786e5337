package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomParseException;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;
import io.deidq.dicom.io.FileMetaInformation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The clean stage for one image (seed 003, "Clean Identifiers"): the filters look at the original
 * header; the image recipe cleans the header; flagged pixels are blacked out or the image is
 * quarantined; the de-identification is recorded; the file is written under its new UIDs and the
 * metadata recipe makes the metadata record from the cleaned header. The same image with the same
 * variables always gives the same file, so that a stage run again overwrites what it wrote before.
 * Thread-safe.
 */
public final class ImageCleaner {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final HeaderCleaner imageRecipe;
    private final HeaderCleaner metadataRecipe;
    private final PixelFilter filter;
    private final DeidentificationRecord record;

    public ImageCleaner(CleaningRules rules) {
        this.imageRecipe = rules.image();
        this.metadataRecipe = rules.metadata();
        this.filter = rules.filter();
        this.record = new DeidentificationRecord(rules.imageRecipes());
    }

    /**
     * Cleans {@code source} with the image's variables (its identifiers with the identity service's
     * answer merged in) into {@code outputDirectory}/StudyInstanceUID/SeriesInstanceUID/SOPInstanceUID.dcm.
     */
    public CleanedImage clean(Path source, Map<String, Object> vars, Path outputDirectory) throws CleaningException, IOException {
        try (DicomFile file = read(source)) {
            Dataset dataset = file.dataset();
            FilterResult filters = filter.evaluate(dataset);
            String flaggedBy = filters.flagged() ? filters.reasons() : null;
            try {
                imageRecipe.clean(dataset, vars);
            } catch (RecipeApplicationException e) {
                throw new CleaningException(source + ": " + e.getMessage(), e);
            }
            boolean pixelsCleaned = false;
            if (filters.flagged()) {
                if (filters.regions().isEmpty()) {
                    return CleanedImage.quarantined(flaggedBy, "flagged by " + flaggedBy + ", which names no region to clean");
                }
                try {
                    PixelCleaner.clean(dataset, filters.regions(), file.transferSyntax());
                } catch (PixelCleaningException e) {
                    return CleanedImage.quarantined(flaggedBy, "flagged by " + flaggedBy + ": " + e.getMessage());
                }
                pixelsCleaned = true;
            }
            record.write(dataset, pixelsCleaned);
            uid(dataset, Tag.SOPClassUID, source);
            Path output = outputDirectory.resolve(uid(dataset, Tag.StudyInstanceUID, source))
                    .resolve(uid(dataset, Tag.SeriesInstanceUID, source))
                    .resolve(uid(dataset, Tag.SOPInstanceUID, source) + ".dcm");
            write(output, dataset, file.transferSyntax(), source);
            Dataset metadata = metadataOf(dataset, vars, source);
            return new CleanedImage(pixelsCleaned ? CleanedImage.Outcome.PIXELS_CLEANED : CleanedImage.Outcome.CLEANED, output,
                    dataset.getString(Tag.SOPInstanceUID), metadata, flaggedBy, null);
        }
    }

    private static DicomFile read(Path source) throws CleaningException, IOException {
        try {
            return DicomReader.readFile(source);
        } catch (DicomParseException e) {
            throw new CleaningException("not readable as DICOM: " + e.getMessage(), e);
        }
    }

    private Dataset metadataOf(Dataset cleaned, Map<String, Object> vars, Path source) throws CleaningException {
        Dataset metadata = cleaned.copy();
        metadata.remove(Tag.PixelData);
        try {
            metadataRecipe.clean(metadata, vars);
        } catch (RecipeApplicationException e) {
            throw new CleaningException(source + ": metadata recipe: " + e.getMessage(), e);
        }
        return metadata;
    }

    /**
     * A UID the output is named by. The recipe set it, so it is checked like any input: a UID, or
     * the path could lead anywhere; missing, and the image could not be told from others.
     */
    private static String uid(Dataset dataset, int tag, Path source) throws CleaningException {
        String uid = dataset.getString(tag);
        String name = ElementDictionary.keywordOf(tag);
        if (uid == null) {
            throw new CleaningException(source + ": the cleaned image has no " + name + ", which its output is named by");
        }
        if (uid.length() > 64 || !UID.matcher(uid).matches()) {
            throw new CleaningException(source + ": the cleaned image's " + name + " is not a UID (PS3.5 9.1)");
        }
        return uid;
    }

    /** Written beside its final name and renamed, so that no half-written file ever bears the name. */
    private static void write(Path output, Dataset dataset, TransferSyntax ts, Path source) throws IOException {
        // Most images go where one went before: asked to create what exists, the JDK throws and catches an exception.
        if (!Files.isDirectory(output.getParent())) {
            Files.createDirectories(output.getParent());
        }
        Path part = output.resolveSibling(output.getFileName() + ".part");
        try {
            String sopClass = dataset.getString(Tag.SOPClassUID);
            DicomWriter.writeFile(part, FileMetaInformation.create(sopClass, dataset.getString(Tag.SOPInstanceUID), ts.uid(), null),
                    dataset, ts);
            Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw new IOException("cannot write the cleaned image of " + source + ": " + e.getMessage(), e);
        }
    }
}
