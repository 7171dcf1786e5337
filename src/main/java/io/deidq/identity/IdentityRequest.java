package io.deidq.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A request to the identity service (DESIGN.md, "Identity service contract"; seed 000): the
 * entities (patients) to pseudonymise, each with the items (studies) under it. Serialised as
 * DASHER takes it: snake_case, custom fields left out when there are none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityRequest(List<Entity> identifiers) {

    public IdentityRequest {
        identifiers = List.copyOf(identifiers);
    }

    /** A patient: its local id, where the id comes from, a timestamp (ISO-8601), custom fields and items. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entity(String id, @JsonProperty("id_source") String idSource, @JsonProperty("id_timestamp") String idTimestamp,
                         @JsonProperty("custom_fields") List<CustomField> customFields, List<Item> items) {

        public Entity {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** A study (or any item under an entity): its local id, source, timestamp and custom fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String id, @JsonProperty("id_source") String idSource, @JsonProperty("id_timestamp") String idTimestamp,
                       @JsonProperty("custom_fields") List<CustomField> customFields) {
    }

    /** A field sent along with an entity or item, as DASHER takes it: {"key": ..., "value": ...}. */
    public record CustomField(String key, String value) {
    }
}
