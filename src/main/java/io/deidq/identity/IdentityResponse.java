package io.deidq.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The identity service's answer (seed 000): for each entity and each of its items, the pseudonym
 * (suid), the date shift in whole days (jitter) and the timestamp shifted by it. Timestamps come
 * as ISO-8601 with a "Z" or an offset such as "-0800".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityResponse(List<EntityResult> results) {

    public IdentityResponse {
        results = results == null ? List.of() : List.copyOf(results);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntityResult(String id, @JsonProperty("id_source") String idSource, String suid, Integer jitter,
                               @JsonProperty("jittered_timestamp") String jitteredTimestamp, List<ItemResult> items) {

        public EntityResult {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(String id, @JsonProperty("id_source") String idSource, String suid, Integer jitter,
                             @JsonProperty("jittered_timestamp") String jitteredTimestamp) {
    }
}
