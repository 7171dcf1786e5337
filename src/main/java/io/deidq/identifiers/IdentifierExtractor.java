package io.deidq.identifiers;

import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deid's {@code get_identifiers(dicom_files, entity_id, item_id, expand_sequences)} (pydicom/deid
 * 819652a, August 2017, the last version keyed by entity and item): for every file,
 * {@code ids[entity][item] = {field: value}}, entity and item being the values of the fields
 * {@code deidq.identifiers.entity-key} and {@code item-key} (PatientID and SOPInstanceUID).
 *
 * <p>As in deid: every top-level element with a keyword and a value that is not blank is a field
 * named by its keyword; Pixel Data and private elements (with whatever private sequences hold) are
 * left out, and so are group lengths; with {@code expand-sequences}, the elements of sequence items
 * are fields too, named by the keywords of their path joined with "__", and when several items hold
 * the same name the last item's value is kept. Files are read up to Pixel Data only: pixel data is
 * never read, not even its length checked.
 *
 * <p>Values, which the pipeline stores as JSON: text VRs give strings (PN as its DICOM form,
 * {@code DOE^JANE}), decoded with the Specific Character Set and without padding; IS and US, SS,
 * UL, SL, UV, SV give integers; DS gives decimals (BigDecimal, so "0.50" stays 0.50) and FL, FD
 * doubles; AT gives "ggggeeee"; an element of several values gives a list of them. Binary values
 * (OB, OW, OF, OD, OL, OV, UN of no known VR) are left out like Pixel Data.
 *
 * <p>Where deidq differs from deid, on purpose (config/README.md, "Identifiers"):
 * <ul>
 * <li>top-level values keep their type; deid 819652a turns them into {@code str(value)} (Rows
 *     "512", ImageType "['ORIGINAL', 'PRIMARY']") and only nested ones keep pydicom's types;</li>
 * <li>blank values are left out at every depth; deid keeps blank ones inside sequences;</li>
 * <li>an empty sequence is left out; deid writes it as "[]";</li>
 * <li>without expand-sequences a sequence is left out; deid writes pydicom's printout of it, which
 *     holds every nested element, private ones included;</li>
 * <li>sequence items are really read: deid 819652a skips every element pydicom has not yet
 *     converted, which under pydicom 2.3 is all of them, so its expansion finds nothing (deid
 *     fixed this in 1c19b7b, 2019, whose names deidq's match);</li>
 * <li>a file without a value for the entity or item key is an error, not skipped with a
 *     warning; two files with one entity and item are an error unless their fields are equal;</li>
 * <li>binary values are left out, where deid decodes bytes as UTF-8 and fails on anything else;</li>
 * <li>elements after Pixel Data (Digital Signatures, trailing padding) are not read.</li>
 * </ul>
 * Keywords are those of deidq's dictionary (dcmtk's), which names everything pydicom 2.3 names the
 * same way and knows some elements newer than it.
 */
public final class IdentifierExtractor {

    private static final Logger log = LoggerFactory.getLogger(IdentifierExtractor.class);

    private final String entityKey;
    private final String itemKey;
    private final HeaderFields headerFields;

    public IdentifierExtractor(IdentifiersProperties settings) {
        this.entityKey = settings.entityKey();
        this.itemKey = settings.itemKey();
        this.headerFields = new HeaderFields(settings.expandSequences());
    }

    /** get_identifiers: the ids of {@code files}, entities and items in the order the files come. */
    public Extraction extract(List<Path> files) throws IdentifiersException {
        Map<String, Map<String, Map<String, Object>>> ids = new LinkedHashMap<>();
        Map<ItemKey, Path> firstFile = new LinkedHashMap<>();
        Map<Path, ItemKey> items = new LinkedHashMap<>();
        for (Path file : files) {
            Map<String, Object> fields = fieldsOf(file);
            ItemKey key = new ItemKey(key(fields, entityKey, "entity-key", file), key(fields, itemKey, "item-key", file));
            Map<String, Map<String, Object>> entity = ids.computeIfAbsent(key.entity(), k -> new LinkedHashMap<>());
            Map<String, Object> earlier = entity.putIfAbsent(key.item(), fields);
            if (earlier != null && !earlier.equals(fields)) {
                throw new IdentifiersException(file + " and " + firstFile.get(key) + " have the same " + entityKey
                        + " and " + itemKey + " but different fields: one of them is not the image the other is");
            }
            firstFile.putIfAbsent(key, file);
            items.put(file, key);
            log.debug("{}: {} fields", file, fields.size());
        }
        return new Extraction(new Identifiers(ids), items);
    }

    private Map<String, Object> fieldsOf(Path file) throws IdentifiersException {
        try (DicomFile dicom = DicomReader.readFile(file, ReadOptions.headersOnly())) {
            return headerFields.of(dicom.dataset());
        } catch (IOException | RuntimeException e) {
            throw new IdentifiersException(file + ": cannot read its header: " + e.getMessage(), e);
        }
    }

    private static String key(Map<String, Object> fields, String field, String property, Path file)
            throws IdentifiersException {
        Object value = fields.get(field);
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number) {
            return FieldText.of(value);
        }
        if (value == null) {
            throw new IdentifiersException(file + " has no " + field + ", which keys ids (deidq.identifiers." + property + ")");
        }
        throw new IdentifiersException(file + " has several values of " + field + ", which keys ids (deidq.identifiers."
                + property + "): it must have one");
    }
}
