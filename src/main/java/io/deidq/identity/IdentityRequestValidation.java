package io.deidq.identity;

import java.util.List;

/**
 * What the embedded service requires of a request before it answers any of it: every entity and
 * item has an id and an id_source, as {@link LocalIds} allows, and an id_timestamp, when it has one,
 * is ISO-8601 (see {@link IdentityTimestamp}). A timestamp may be missing, as som's requests leave
 * it out for a patient with no birth date: there is then nothing to jitter. The first violation refuses the whole request, naming
 * the field by its place in the request ({@code identifiers[0].items[3].id_timestamp}).
 */
final class IdentityRequestValidation {

    private IdentityRequestValidation() {
    }

    static void validate(IdentityRequest request) throws InvalidIdentityRequest {
        if (request == null) {
            throw new InvalidIdentityRequest("the request is missing", true);
        }
        List<IdentityRequest.Entity> entities = request.identifiers();
        for (int e = 0; e < entities.size(); e++) {
            IdentityRequest.Entity entity = entities.get(e);
            String at = "identifiers[" + e + "]";
            if (entity == null) {
                throw new InvalidIdentityRequest(at + " is missing", true);
            }
            fields(at, entity.id(), entity.idSource(), entity.idTimestamp());
            for (int i = 0; i < entity.items().size(); i++) {
                IdentityRequest.Item item = entity.items().get(i);
                String itemAt = at + ".items[" + i + "]";
                if (item == null) {
                    throw new InvalidIdentityRequest(itemAt + " is missing", true);
                }
                fields(itemAt, item.id(), item.idSource(), item.idTimestamp());
            }
        }
    }

    private static void fields(String at, String id, String idSource, String idTimestamp) throws InvalidIdentityRequest {
        id(at + ".id", id, LocalIds.MAX_ID_LENGTH);
        id(at + ".id_source", idSource, LocalIds.MAX_TYPE_LENGTH);
        if (idTimestamp != null && IdentityTimestamp.parse(idTimestamp).isEmpty()) {
            throw new InvalidIdentityRequest(at + ".id_timestamp is not an ISO-8601 date and time such as 1961-07-27T00:00:00Z"
                    + " (a Z or an offset such as -0800 after the seconds)", false);
        }
    }

    private static void id(String at, String value, int maxLength) throws InvalidIdentityRequest {
        if (value == null) {
            throw new InvalidIdentityRequest(at + " is missing", true);
        }
        var problem = LocalIds.problem(value, maxLength);
        if (problem.isPresent()) {
            throw new InvalidIdentityRequest(at + " " + problem.get(), false);
        }
    }
}
