package io.deidq.identity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the GSID API's request bodies (seed 001) from JSON, strictly, so that the status says what
 * is wrong. 400: the body is not of the request's form: not a JSON object, a required field
 * missing or null, a field of the wrong JSON type (a string for center_id, a number for
 * local_subject_id: nothing is coerced), or a field the request does not have. 422: the form is
 * right, a value is not acceptable: an id that is empty, padded with white space, too long or
 * holds a control character ({@link LocalIds}), a negative or out-of-range number, an unknown
 * metadata field. Details name the field, and where it is in a batch.
 */
final class GsidRequests {

    static final int MAX_BATCH = 10_000;

    private static final Set<String> GENERATE_FIELDS = Set.of("center_id", "local_subject_id", "identifier_type", "metadata");
    private static final Set<String> RESOLVE_FIELDS = Set.of("center_id", "local_subject_id", "identifier_type");
    private static final Set<String> METADATA_FIELDS = Set.of("sex", "diagnosis", "age_at_diagnosis");
    private static final int MAX_AGE = 150;

    private GsidRequests() {
    }

    record Generate(LocalIdentifier identifier, SubjectMetadata metadata) {
    }

    static Generate generate(JsonNode body) {
        object(body, "", GENERATE_FIELDS);
        return new Generate(identifier(body, ""), metadata(body.get("metadata")));
    }

    /** A local identifier with every part required, as generate and adding an identifier take it. */
    static LocalIdentifier localIdentifier(JsonNode body) {
        object(body, "", RESOLVE_FIELDS);
        return identifier(body, "");
    }

    static SubjectRegistry.Query resolve(JsonNode body) {
        object(body, "", RESOLVE_FIELDS);
        return query(body, "");
    }

    static List<SubjectRegistry.Query> batchResolve(JsonNode body) {
        object(body, "", Set.of("identifiers"));
        JsonNode identifiers = required(body, "", "identifiers");
        if (!identifiers.isArray()) {
            throw GsidApiError.malformed("identifiers must be a JSON array");
        }
        if (identifiers.size() > MAX_BATCH) {
            throw GsidApiError.invalid("identifiers holds " + identifiers.size() + " entries; at most " + MAX_BATCH
                    + " are resolved in one request");
        }
        List<SubjectRegistry.Query> queries = new ArrayList<>(identifiers.size());
        for (int i = 0; i < identifiers.size(); i++) {
            String at = "identifiers[" + i + "].";
            object(identifiers.get(i), at, RESOLVE_FIELDS);
            queries.add(query(identifiers.get(i), at));
        }
        return queries;
    }

    private static SubjectRegistry.Query query(JsonNode body, String at) {
        int center = centerId(body, at);
        String localId = id(body, at, "local_subject_id", LocalIds.MAX_ID_LENGTH);
        String type = present(body, "identifier_type") ? id(body, at, "identifier_type", LocalIds.MAX_TYPE_LENGTH) : null;
        return new SubjectRegistry.Query(center, localId, type);
    }

    private static LocalIdentifier identifier(JsonNode body, String at) {
        int center = centerId(body, at);
        String localId = id(body, at, "local_subject_id", LocalIds.MAX_ID_LENGTH);
        String type = id(body, at, "identifier_type", LocalIds.MAX_TYPE_LENGTH);
        return new LocalIdentifier(center, type, localId);
    }

    private static SubjectMetadata metadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return SubjectMetadata.NONE;
        }
        if (!metadata.isObject()) {
            throw GsidApiError.malformed("metadata must be a JSON object");
        }
        for (Iterator<String> names = metadata.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!METADATA_FIELDS.contains(name)) {
                throw GsidApiError.invalid("metadata." + name + " is not a metadata field this service keeps: sex, diagnosis, age_at_diagnosis");
            }
        }
        String sex = present(metadata, "sex") ? id(metadata, "metadata.", "sex", 64) : null;
        String diagnosis = present(metadata, "diagnosis") ? id(metadata, "metadata.", "diagnosis", 256) : null;
        Integer age = null;
        if (present(metadata, "age_at_diagnosis")) {
            age = integer(metadata, "metadata.", "age_at_diagnosis");
            if (age < 0 || age > MAX_AGE) {
                throw GsidApiError.invalid("metadata.age_at_diagnosis must be between 0 and " + MAX_AGE);
            }
        }
        return new SubjectMetadata(sex, diagnosis, age);
    }

    /** {@code at}: where the object is, "" for the body itself, else its path and a dot. */
    private static void object(JsonNode node, String at, Set<String> fields) {
        if (node == null || !node.isObject()) {
            throw GsidApiError.malformed((at.isEmpty() ? "the request body" : at.substring(0, at.length() - 1)) + " must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw GsidApiError.malformed(at + name + " is not a field of this request; its fields are "
                        + String.join(", ", fields.stream().sorted().toList()));
            }
        }
    }

    private static int centerId(JsonNode body, String at) {
        int center = integer(body, at, "center_id");
        if (center < 0) {
            throw GsidApiError.invalid(at + "center_id must not be negative");
        }
        return center;
    }

    private static int integer(JsonNode body, String at, String field) {
        JsonNode value = required(body, at, field);
        if (!value.isIntegralNumber()) {
            throw GsidApiError.malformed(at + field + " must be an integer");
        }
        if (!value.canConvertToInt()) {
            throw GsidApiError.invalid(at + field + " is out of range");
        }
        return value.intValue();
    }

    private static String id(JsonNode body, String at, String field, int maxLength) {
        JsonNode value = required(body, at, field);
        if (!value.isTextual()) {
            throw GsidApiError.malformed(at + field + " must be a string");
        }
        Optional<String> problem = LocalIds.problem(value.textValue(), maxLength);
        if (problem.isPresent()) {
            throw GsidApiError.invalid(at + field + " " + problem.get());
        }
        return value.textValue();
    }

    private static JsonNode required(JsonNode body, String at, String field) {
        if (!present(body, field)) {
            throw GsidApiError.malformed(at + field + " is missing");
        }
        return body.get(field);
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && !value.isNull();
    }
}
