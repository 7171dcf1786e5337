package io.deidq.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads DASHER's answer to one call and checks it against the call's request: a JSON object whose
 * "results" answer every entity asked (matched by id_source and id) and, under each, every item
 * asked (matched by id), each with a suid, a whole number of days of jitter and a jittered
 * timestamp (ISO-8601, "Z" or an offset), and nothing that was not asked. What fails is a
 * retryable {@link IdentityException}: an answer cut short, or a proxy's page, may come out whole
 * next time. Entities and items are named by their place in the call and in the answer, never by
 * their ids, which are patient identifiers; the answer is never quoted.
 */
final class DasherAnswerReader {

    /** som-tools' rule for ids and suids; a suid becomes a DICOM value and part of file names. */
    private static final Pattern SUID = Pattern.compile("[A-Za-z0-9_-]+");

    private final ObjectMapper json = new ObjectMapper();

    /** The answer, entities and items in the order the call asked for them. */
    IdentityResponse read(byte[] answer, IdentityRequest asked) throws IdentityException {
        JsonNode root;
        try {
            root = json.readTree(answer);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text it could not read; the place says enough.
            throw malformed("is not JSON (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw malformed("cannot be read: " + e.getClass().getSimpleName());
        }
        if (root == null || root.isMissingNode()) {
            throw malformed("is empty");
        }
        if (!root.isObject()) {
            throw malformed("is not a JSON object");
        }
        JsonNode results = root.get("results");
        if (results == null || results.isNull()) {
            throw malformed("has no \"results\"");
        }
        if (!results.isArray()) {
            throw malformed("has \"results\" that is not a list");
        }
        Map<DasherEntityKey, Integer> wanted = new HashMap<>();
        for (int i = 0; i < asked.identifiers().size(); i++) {
            wanted.put(DasherEntityKey.of(asked.identifiers().get(i)), i);
        }
        JsonNode[] byAsked = new JsonNode[asked.identifiers().size()];
        for (int r = 0; r < results.size(); r++) {
            JsonNode result = results.get(r);
            String where = "results[" + r + "]";
            if (!result.isObject()) {
                throw malformed("has " + where + " that is not an object");
            }
            DasherEntityKey key = new DasherEntityKey(text(result, "id_source", where), text(result, "id", where));
            Integer place = wanted.get(key);
            if (place == null) {
                throw malformed("has " + where + ", an entity the call did not ask for (id_source '" + key.idSource() + "')");
            }
            if (byAsked[place] != null) {
                throw malformed("answers entity #" + (place + 1) + " of the call twice (" + where + ")");
            }
            byAsked[place] = result;
        }
        List<IdentityResponse.EntityResult> entities = new ArrayList<>(byAsked.length);
        for (int i = 0; i < byAsked.length; i++) {
            IdentityRequest.Entity entity = asked.identifiers().get(i);
            if (byAsked[i] == null) {
                throw malformed("lacks entity #" + (i + 1) + " of the call (id_source '" + entity.idSource() + "')");
            }
            entities.add(entity(byAsked[i], entity, i));
        }
        return new IdentityResponse(entities);
    }

    private IdentityResponse.EntityResult entity(JsonNode result, IdentityRequest.Entity asked, int place) throws IdentityException {
        String where = "the answer to entity #" + (place + 1) + " of the call";
        String suid = suid(result, where);
        int jitter = jitter(result, where);
        String jittered = jitteredTimestamp(result, where, asked.idTimestamp());
        JsonNode items = result.get("items");
        if (items == null || items.isNull()) {
            if (!asked.items().isEmpty()) {
                throw malformed("lacks all " + asked.items().size() + " items of entity #" + (place + 1) + " of the call (no \"items\")");
            }
            return new IdentityResponse.EntityResult(asked.id(), asked.idSource(), suid, jitter, jittered, List.of());
        }
        if (!items.isArray()) {
            throw malformed("has \"items\" that is not a list in " + where);
        }
        Map<String, Integer> wanted = new HashMap<>();
        for (int j = 0; j < asked.items().size(); j++) {
            wanted.put(asked.items().get(j).id(), j);
        }
        JsonNode[] byAsked = new JsonNode[asked.items().size()];
        for (int r = 0; r < items.size(); r++) {
            JsonNode item = items.get(r);
            String at = "items[" + r + "] of " + where;
            if (!item.isObject()) {
                throw malformed("has " + at + " that is not an object");
            }
            Integer j = wanted.get(text(item, "id", at));
            if (j == null) {
                throw malformed("has " + at + ", an item the call did not ask for");
            }
            if (byAsked[j] != null) {
                throw malformed("answers item #" + (j + 1) + " of entity #" + (place + 1) + " of the call twice");
            }
            JsonNode source = item.get("id_source");
            String askedSource = asked.items().get(j).idSource();
            if (source != null && !source.isNull() && askedSource != null && !source.asText().equals(askedSource)) {
                throw malformed("has " + at + " with id_source '" + source.asText() + "' where the call asked for '" + askedSource + "'");
            }
            byAsked[j] = item;
        }
        int missing = 0;
        int first = -1;
        for (int j = 0; j < byAsked.length; j++) {
            if (byAsked[j] == null) {
                missing++;
                first = first < 0 ? j : first;
            }
        }
        if (missing > 0) {
            throw malformed("lacks " + missing + " of the " + byAsked.length + " items of entity #" + (place + 1)
                    + " of the call (the first: item #" + (first + 1) + ")");
        }
        List<IdentityResponse.ItemResult> answered = new ArrayList<>(byAsked.length);
        for (int j = 0; j < byAsked.length; j++) {
            IdentityRequest.Item item = asked.items().get(j);
            String at = "the answer to item #" + (j + 1) + " of entity #" + (place + 1) + " of the call";
            answered.add(new IdentityResponse.ItemResult(item.id(), item.idSource(), suid(byAsked[j], at), jitter(byAsked[j], at),
                    jitteredTimestamp(byAsked[j], at, item.idTimestamp())));
        }
        return new IdentityResponse.EntityResult(asked.id(), asked.idSource(), suid, jitter, jittered, answered);
    }

    private static String text(JsonNode node, String field, String where) throws IdentityException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed("has no " + field + " (a string) in " + where);
        }
        return value.asText();
    }

    private static String suid(JsonNode node, String where) throws IdentityException {
        String suid = text(node, "suid", where);
        if (!SUID.matcher(suid).matches()) {
            throw malformed("has a suid that is not letters, digits, '_' and '-' in " + where);
        }
        return suid;
    }

    private static int jitter(JsonNode node, String where) throws IdentityException {
        JsonNode jitter = node.get("jitter");
        if (jitter == null || jitter.isNull()) {
            throw malformed("has no jitter in " + where);
        }
        if (!jitter.isIntegralNumber() || !jitter.canConvertToInt()) {
            throw malformed("has a jitter that is not a whole number of days in " + where);
        }
        return jitter.intValue();
    }

    /** Required when the call had a timestamp to jitter; without one there may be none. */
    private static String jitteredTimestamp(JsonNode node, String where, String asked) throws IdentityException {
        JsonNode answered = node.get("jittered_timestamp");
        if (asked == null && (answered == null || answered.isNull())) {
            return null;
        }
        String timestamp = text(node, "jittered_timestamp", where);
        if (!DasherTimestamps.valid(timestamp)) {
            throw malformed("has a jittered_timestamp that is not ISO-8601 with \"Z\" or an offset in " + where);
        }
        return timestamp;
    }

    private static IdentityException malformed(String reason) {
        return new IdentityException("DASHER's answer " + reason, true);
    }
}
