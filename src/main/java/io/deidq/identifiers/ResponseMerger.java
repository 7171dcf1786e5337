package io.deidq.identifiers;

import io.deidq.identity.IdentityRequest;
import io.deidq.identity.IdentityResponse;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * som's prepare_identifiers / update_identifiers: the identity service's answer merged into every
 * image of ids, under the names deid recipes read with {@code var:} (reference/deid-and-dasher.md §4.2):
 * <pre>
 * entity_id        the entity's suid            item_id         the item's (study's) suid
 * entity_id_source the entity's id_source       item_id_source  the item's id_source
 * entity_timestamp the entity's jittered_timestamp (absent when the request had no timestamp)
 * item_timestamp   the item's jittered_timestamp   (absent likewise)
 * jitter           the item's jitter, in days
 * </pre>
 * Timestamps are kept as the service wrote them ("2010-02-09T11:50:00-0800" or "...Z").
 *
 * <p>Where deidq differs from som, on purpose: som took {@code items[0]} of each result and gave the
 * last entity's values to every image; deidq matches entities by (id_source, id) and items by id,
 * never by position, and gives each image the result of its own patient and study. The answer must
 * answer the request exactly: a request entity or item without a result, a result for an entity or
 * item not asked for, a result given twice, a suid that is not a plain identifier (suids name output
 * files), a missing jitter or a missing or unreadable jittered timestamp fails the merge, where som
 * raised a KeyError or went on. Custom fields of the answer are not merged (som's last version did not).
 */
public final class ResponseMerger {

    /** The service's suids name files and database rows downstream: only what som's validators allow. */
    private static final Pattern SUID = RequestValidator.ID;
    private static final Pattern JITTERED_TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(?:Z|([+-]\\d{2}):?(\\d{2}))");

    private final IdentityRequestBuilder builder;

    public ResponseMerger(IdentifiersProperties settings) {
        this.builder = new IdentityRequestBuilder(settings);
    }

    /**
     * update: ids with every image given its study's answer. The request is built again from ids
     * (it is deterministic), so that what was asked is known without being stored alongside.
     */
    public Identifiers update(Identifiers ids, IdentityResponse response) throws IdentifiersException {
        RequestPlan plan = builder.plan(ids);
        Map<RequestPlan.Study, Map<String, Object>> answers = answers(plan.request(), response);
        Map<String, Map<String, Map<String, Object>>> updated = new LinkedHashMap<>();
        for (var entity : ids.entities().entrySet()) {
            Map<String, Map<String, Object>> items = new LinkedHashMap<>();
            for (var item : entity.getValue().entrySet()) {
                RequestPlan.Study study = plan.studies().get(new ItemKey(entity.getKey(), item.getKey()));
                Map<String, Object> fields = new LinkedHashMap<>(item.getValue());
                fields.putAll(answers.get(study));
                items.put(item.getKey(), fields);
            }
            updated.put(entity.getKey(), items);
        }
        return new Identifiers(updated);
    }

    /** The variables of each study of the request, from its result; the answer checked against the request. */
    private static Map<RequestPlan.Study, Map<String, Object>> answers(IdentityRequest request, IdentityResponse response)
            throws IdentifiersException {
        Map<List<String>, IdentityResponse.EntityResult> results = new LinkedHashMap<>();
        for (int r = 0; r < response.results().size(); r++) {
            IdentityResponse.EntityResult result = response.results().get(r);
            if (result == null || result.id() == null || result.idSource() == null) {
                throw new IdentifiersException("result " + (r + 1) + " of the identity service's answer has no id or id_source");
            }
            if (results.put(List.of(result.idSource(), result.id()), result) != null) {
                throw new IdentifiersException("the identity service answered twice for one entity (" + result.idSource() + ")");
            }
        }
        Map<RequestPlan.Study, Map<String, Object>> answers = new LinkedHashMap<>();
        for (int e = 0; e < request.identifiers().size(); e++) {
            IdentityRequest.Entity entity = request.identifiers().get(e);
            String where = "request entity " + (e + 1) + " (" + entity.idSource() + ")";
            IdentityResponse.EntityResult result = results.remove(List.of(entity.idSource(), entity.id()));
            if (result == null) {
                throw new IdentifiersException("the identity service's answer has no result for " + where);
            }
            checkSuid(where, result.suid());
            String entityTimestamp = jitteredTimestamp(where, entity.idTimestamp(), result.jitteredTimestamp());
            Map<String, IdentityResponse.ItemResult> items = items(where, result);
            for (int i = 0; i < entity.items().size(); i++) {
                IdentityRequest.Item item = entity.items().get(i);
                String itemWhere = where + ", item " + (i + 1) + " (" + item.idSource() + ")";
                IdentityResponse.ItemResult itemResult = items.remove(item.id());
                if (itemResult == null) {
                    throw new IdentifiersException("the identity service's answer has no result for " + itemWhere);
                }
                answers.put(new RequestPlan.Study(entity.idSource(), entity.id(), item.id()),
                        variables(itemWhere, entity, result, entityTimestamp, item, itemResult));
            }
            if (!items.isEmpty()) {
                throw new IdentifiersException("the identity service's answer for " + where + " has " + items.size()
                        + " item result(s) for items not asked for");
            }
        }
        if (!results.isEmpty()) {
            throw new IdentifiersException("the identity service's answer has " + results.size()
                    + " result(s) for entities not asked for (" + String.join(", ", results.keySet().stream().map(k -> k.get(0)).toList()) + ")");
        }
        return answers;
    }

    private static Map<String, IdentityResponse.ItemResult> items(String where, IdentityResponse.EntityResult result)
            throws IdentifiersException {
        Map<String, IdentityResponse.ItemResult> items = new LinkedHashMap<>();
        for (IdentityResponse.ItemResult item : result.items()) {
            if (item == null || item.id() == null) {
                throw new IdentifiersException("the identity service's answer for " + where + " has an item result without id");
            }
            if (items.put(item.id(), item) != null) {
                throw new IdentifiersException("the identity service's answer for " + where + " has two results for one item");
            }
        }
        return items;
    }

    private static Map<String, Object> variables(String where, IdentityRequest.Entity entity, IdentityResponse.EntityResult result,
                                                 String entityTimestamp, IdentityRequest.Item item,
                                                 IdentityResponse.ItemResult itemResult) throws IdentifiersException {
        checkSuid(where, itemResult.suid());
        if (itemResult.idSource() != null && !itemResult.idSource().equals(item.idSource())) {
            throw new IdentifiersException("the identity service's answer for " + where + " has id_source "
                    + itemResult.idSource() + ", not the one asked for");
        }
        if (itemResult.jitter() == null) {
            throw new IdentifiersException("the identity service's answer for " + where + " has no jitter");
        }
        String itemTimestamp = jitteredTimestamp(where, item.idTimestamp(), itemResult.jitteredTimestamp());
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("entity_id", result.suid());
        variables.put("entity_id_source", entity.idSource());
        if (entityTimestamp != null) {
            variables.put("entity_timestamp", entityTimestamp);
        }
        variables.put("item_id", itemResult.suid());
        variables.put("item_id_source", item.idSource());
        if (itemTimestamp != null) {
            variables.put("item_timestamp", itemTimestamp);
        }
        variables.put("jitter", itemResult.jitter());
        return variables;
    }

    private static void checkSuid(String where, String suid) throws IdentifiersException {
        if (suid == null || !SUID.matcher(suid).matches()) {
            throw new IdentifiersException("the identity service's answer for " + where
                    + (suid == null ? " has no suid" : " has a suid with characters other than A-Z, a-z, 0-9, '_' and '-'"));
        }
    }

    /** ISO-8601 with "Z" or an offset, as DASHER writes it ("-0800") or as java.time does ("-08:00"); a real date and time. */
    private static boolean isTimestamp(String text) {
        Matcher m = JITTERED_TIMESTAMP.matcher(text);
        if (!m.matches()) {
            return false;
        }
        String offset = m.group(2) == null ? "Z" : m.group(2) + ":" + m.group(3);
        try {
            OffsetDateTime.parse(m.group(1) + offset);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The jittered timestamp, required when the request had a timestamp to jitter. */
    private static String jitteredTimestamp(String where, String asked, String answered) throws IdentifiersException {
        if (answered == null) {
            if (asked != null) {
                throw new IdentifiersException("the identity service's answer for " + where + " has no jittered_timestamp");
            }
            return null;
        }
        if (!isTimestamp(answered)) {
            throw new IdentifiersException("the identity service's answer for " + where
                    + " has a jittered_timestamp that is not ISO-8601 (YYYY-MM-DDTHH:MM:SS with Z or an offset)");
        }
        return answered;
    }
}
