package io.deidq.identifiers;

import io.deidq.identity.IdentityRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * som's {@code prepare_identifiers_request(ids, entity_custom_fields, item_custom_fields)} as sendit
 * called it: the identity request for ids, one entity per patient and one item per study, then
 * {@link RequestValidator validated}.
 *
 * <ul>
 * <li>Entity: {@code id} from PatientID with '-' removed (som), {@code id_source} "Stanford MRN",
 *     {@code id_timestamp} from PatientBirthDate.</li>
 * <li>Item: {@code id} from AccessionNumber, {@code id_source} "DCM Accession #", {@code id_timestamp}
 *     from the first of StudyDate, SeriesDate, ContentDate, AcquisitionDate that an image has.</li>
 * <li>Timestamps {@code YYYY-MM-DDT00:00:00Z}: the date alone, as som passed it to get_timestamp
 *     (never the time element); an image without any of the fields gives none, and the key is left
 *     out, as in som; the first image (in ids order) that has one gives it.</li>
 * <li>Custom fields, each {"key": field, "value": text}: with {@code entity-custom-fields} (on by
 *     default), for each configured field the first value the patient's images have, once per
 *     entity (som, August 2017); with {@code item-custom-fields} (off), for each configured field
 *     every distinct value the study's images have (som, September 2017). Values are the fields'
 *     text, several values joined by backslash.</li>
 * </ul>
 * All fields (configurable) are read from each image's top-level fields in ids.
 *
 * <p>Where deidq differs from som, on purpose: som builds one entity and one item per batch from
 * whichever image comes first; deidq groups images by patient (the entity id, after '-' is removed)
 * and, within each, by accession number, so that a batch of several patients or studies gives several
 * entities and items. An image without a PatientID or AccessionNumber, or with an unreadable date, is
 * an error where som raised a KeyError or dateutil's error.
 */
public final class IdentityRequestBuilder {

    private final IdentifiersProperties settings;
    private final RequestValidator validator;

    public IdentityRequestBuilder(IdentifiersProperties settings) {
        this.settings = settings;
        this.validator = new RequestValidator(settings);
    }

    /** prepare_request: the identity request for {@code ids}, validated. */
    public IdentityRequest prepare(Identifiers ids) throws IdentifiersException {
        return plan(ids).request();
    }

    /** The request, and for each image of ids the entity and item of the request it belongs to. */
    RequestPlan plan(Identifiers ids) throws IdentifiersException {
        Map<String, EntityDraft> entities = new LinkedHashMap<>();
        Map<ItemKey, RequestPlan.Study> studies = new LinkedHashMap<>();
        int entityPosition = 0;
        for (var entity : ids.entities().entrySet()) {
            entityPosition++;
            int itemPosition = 0;
            for (var item : entity.getValue().entrySet()) {
                itemPosition++;
                Image image = new Image(entityPosition, itemPosition, item.getValue());
                String entityId = image.text(settings.entityIdField());
                if (settings.entityIdRemoveDashes()) {
                    entityId = entityId.replace("-", "");
                }
                EntityDraft draft = entities.computeIfAbsent(entityId, EntityDraft::new);
                String itemId = image.text(settings.itemIdField());
                draft.add(image, itemId);
                studies.put(new ItemKey(entity.getKey(), item.getKey()), new RequestPlan.Study(settings.entityIdSource(), entityId, itemId));
            }
        }
        List<IdentityRequest.Entity> request = new ArrayList<>();
        for (EntityDraft draft : entities.values()) {
            request.add(draft.build());
        }
        IdentityRequest built = new IdentityRequest(request);
        validator.validate(built);
        return new RequestPlan(built, studies);
    }

    /** One image's fields, and where it is in ids, for messages that name no identifier. */
    private record Image(int entityPosition, int itemPosition, Map<String, Object> fields) {

        String text(String field) throws IdentifiersException {
            Object value = fields.get(field);
            if (value == null) {
                throw new IdentifiersException(where() + " has no " + field + ", which the identity request needs");
            }
            if (value instanceof List<?>) {
                throw new IdentifiersException(where() + " has several values of " + field + ", where the identity request needs one");
            }
            return FieldText.of(value);
        }

        /** The request timestamp from the first of {@code names} this image has, or null when it has none. */
        String timestamp(List<String> names) throws IdentifiersException {
            for (String name : names) {
                Object value = fields.get(name);
                if (value == null) {
                    continue;
                }
                String timestamp = value instanceof String text ? DicomTimestamps.of(text) : null;
                if (timestamp == null) {
                    throw new IdentifiersException(where() + ": " + name + " is not a DICOM date (YYYYMMDD) or date and time");
                }
                return timestamp;
            }
            return null;
        }

        String where() {
            return "ids entity " + entityPosition + ", item " + itemPosition;
        }
    }

    private final class EntityDraft {

        private final String id;
        private String timestamp;
        private final Map<String, String> customFields = new LinkedHashMap<>();
        private final Map<String, ItemDraft> items = new LinkedHashMap<>();

        EntityDraft(String id) {
            this.id = id;
        }

        void add(Image image, String itemId) throws IdentifiersException {
            if (timestamp == null) {
                timestamp = image.timestamp(settings.entityTimestampFields());
            }
            if (settings.entityCustomFields()) {
                for (String name : settings.entityCustomFieldNames()) {
                    Object value = image.fields().get(name);
                    if (value != null) {
                        customFields.putIfAbsent(name, FieldText.of(value));
                    }
                }
            }
            items.computeIfAbsent(itemId, ItemDraft::new).add(image);
        }

        IdentityRequest.Entity build() {
            List<IdentityRequest.Item> built = new ArrayList<>();
            for (ItemDraft item : items.values()) {
                built.add(item.build());
            }
            List<IdentityRequest.CustomField> fields = new ArrayList<>();
            customFields.forEach((key, value) -> fields.add(new IdentityRequest.CustomField(key, value)));
            return new IdentityRequest.Entity(id, settings.entityIdSource(), timestamp, fields.isEmpty() ? null : fields, built);
        }
    }

    private final class ItemDraft {

        private final String id;
        private String timestamp;
        private final Map<String, Set<String>> customFields = new LinkedHashMap<>();

        ItemDraft(String id) {
            this.id = id;
        }

        void add(Image image) throws IdentifiersException {
            if (timestamp == null) {
                timestamp = image.timestamp(settings.itemTimestampFields());
            }
            if (settings.itemCustomFields()) {
                for (String name : settings.itemCustomFieldNames()) {
                    Object value = image.fields().get(name);
                    if (value != null) {
                        customFields.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(FieldText.of(value));
                    }
                }
            }
        }

        IdentityRequest.Item build() {
            List<IdentityRequest.CustomField> fields = new ArrayList<>();
            customFields.forEach((key, values) -> values.forEach(value -> fields.add(new IdentityRequest.CustomField(key, value))));
            return new IdentityRequest.Item(id, settings.itemIdSource(), timestamp, fields.isEmpty() ? null : fields);
        }
    }
}
