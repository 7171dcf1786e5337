package io.deidq.identifiers;

import io.deidq.identity.IdentityRequest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * som's request validators (som/api/identifiers/validators/requests.py), applied to the entity
 * and to every item: {@code id} matches {@code ^[A-Za-z0-9_-]*$}, {@code id_source} is a known
 * source, {@code id_timestamp} matches som's timestamp pattern. A violation fails the batch.
 *
 * <p>som's inconsistencies, resolved (config/README.md, "Identifiers"):
 * <ul>
 * <li>"DCM Accession #", the item source sendit sends, is a known item source; som's list lacks it;</li>
 * <li>an id must not be empty (som's pattern allows it, but an empty id pseudonymises nothing),
 *     and an id with other characters is refused, never changed: som changes only the entity id,
 *     removing '-', which the pattern allows anyway ({@code entity-id-remove-dashes});</li>
 * <li>the timestamp pattern is {@code YYYY-MM-DDTHH:MM:SSZ} with digits, stricter than som's
 *     {@code \d{4}-\d{2}-[A-Za-z0-9]{5}:\d{2}:\d{2}Z$}, which lets "2010-02-0AB12:00:00Z" through;</li>
 * <li>{@code id_timestamp} may be absent: som's own prepare_identifiers_request leaves it out when the
 *     image has no such date (a patient without a birth date), and sendit sent those requests; som's
 *     validator, which requires it, was never called;</li>
 * <li>every item is checked and the first violation fails the request (som stopped at the first invalid
 *     item and then ignored that result); entities and items appear once (a second one with the same
 *     source and id could not be told apart in the answer).</li>
 * </ul>
 * Messages name the entity and item by position and source, never by id: ids are identifiers.
 */
public final class RequestValidator {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private final List<String> entitySources;
    private final List<String> itemSources;

    public RequestValidator(IdentifiersProperties settings) {
        this.entitySources = settings.entitySources();
        this.itemSources = settings.itemSources();
    }

    public void validate(IdentityRequest request) throws IdentifiersException {
        if (request.identifiers().isEmpty()) {
            throw new IdentifiersException("the identity request has no entity");
        }
        Set<List<String>> entities = new HashSet<>();
        for (int e = 0; e < request.identifiers().size(); e++) {
            IdentityRequest.Entity entity = request.identifiers().get(e);
            String where = "request entity " + (e + 1) + " (" + describe(entity.idSource()) + ")";
            check(where, entity.id(), entity.idSource(), entity.idTimestamp(), entitySources);
            customFields(where, entity.customFields());
            if (!entities.add(List.of(entity.idSource(), entity.id()))) {
                throw new IdentifiersException(where + ": another entity before it has the same id_source and id");
            }
            if (entity.items().isEmpty()) {
                throw new IdentifiersException(where + " has no item");
            }
            Set<String> items = new HashSet<>();
            for (int i = 0; i < entity.items().size(); i++) {
                IdentityRequest.Item item = entity.items().get(i);
                String itemWhere = where + ", item " + (i + 1) + " (" + describe(item.idSource()) + ")";
                check(itemWhere, item.id(), item.idSource(), item.idTimestamp(), itemSources);
                customFields(itemWhere, item.customFields());
                if (!items.add(item.id())) {
                    throw new IdentifiersException(itemWhere + ": another item of the entity has the same id");
                }
            }
        }
    }

    private static void check(String where, String id, String source, String timestamp, List<String> sources)
            throws IdentifiersException {
        if (id == null || id.isEmpty()) {
            throw new IdentifiersException(where + ": id is missing or empty");
        }
        if (!ID.matcher(id).matches()) {
            throw new IdentifiersException(where + ": id (" + id.length() + " characters) has characters other than"
                    + " A-Z, a-z, 0-9, '_' and '-' (som's pattern ^[A-Za-z0-9_-]*$)");
        }
        if (source == null || !sources.contains(source)) {
            throw new IdentifiersException(where + ": id_source is not one of " + sources);
        }
        if (timestamp != null && !TIMESTAMP.matcher(timestamp).matches()) {
            throw new IdentifiersException(where + ": id_timestamp is not of the form YYYY-MM-DDTHH:MM:SSZ");
        }
    }

    private static void customFields(String where, List<IdentityRequest.CustomField> fields) throws IdentifiersException {
        if (fields == null) {
            return;
        }
        for (IdentityRequest.CustomField field : fields) {
            if (field.key() == null || field.key().isBlank() || field.value() == null) {
                throw new IdentifiersException(where + ": a custom field has no key or no value");
            }
        }
    }

    private static String describe(String source) {
        return source == null ? "no id_source" : source;
    }
}
