package io.deidq.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts the answers to a request's calls back together: one result per entity of the request, in
 * its order, carrying the items of every call, matched by (id_source, id) and item id rather than
 * by position. Calls that answered for the same entity must agree on its suid, jitter and jittered
 * timestamp; if they do not, DASHER contradicted itself and nothing is kept (retryable: the stage
 * can ask again).
 */
final class DasherReassembly {

    IdentityResponse merge(IdentityRequest request, List<IdentityResponse> answers) throws IdentityException {
        Map<DasherEntityKey, Integer> places = new HashMap<>();
        for (int i = 0; i < request.identifiers().size(); i++) {
            places.put(DasherEntityKey.of(request.identifiers().get(i)), i);
        }
        Map<DasherEntityKey, IdentityResponse.EntityResult> entities = new HashMap<>();
        Map<DasherEntityKey, Map<String, IdentityResponse.ItemResult>> items = new HashMap<>();
        for (int call = 0; call < answers.size(); call++) {
            for (IdentityResponse.EntityResult result : answers.get(call).results()) {
                DasherEntityKey key = new DasherEntityKey(result.idSource(), result.id());
                IdentityResponse.EntityResult earlier = entities.putIfAbsent(key, result);
                if (earlier != null && !sameAnswer(earlier, result)) {
                    throw new IdentityException("DASHER's answers to the calls of one request disagree on the suid, jitter or"
                            + " jittered timestamp of entity #" + (places.get(key) + 1) + " of the request (call " + (call + 1)
                            + " of " + answers.size() + ")", true);
                }
                Map<String, IdentityResponse.ItemResult> byId = items.computeIfAbsent(key, k -> new HashMap<>());
                for (IdentityResponse.ItemResult item : result.items()) {
                    byId.put(item.id(), item);
                }
            }
        }
        List<IdentityResponse.EntityResult> merged = new ArrayList<>(request.identifiers().size());
        for (int i = 0; i < request.identifiers().size(); i++) {
            IdentityRequest.Entity entity = request.identifiers().get(i);
            DasherEntityKey key = DasherEntityKey.of(entity);
            IdentityResponse.EntityResult result = entities.get(key);
            if (result == null) {
                throw new IdentityException("no call answered entity #" + (i + 1) + " of the request", true);
            }
            Map<String, IdentityResponse.ItemResult> byId = items.get(key);
            List<IdentityResponse.ItemResult> entityItems = new ArrayList<>(entity.items().size());
            for (int j = 0; j < entity.items().size(); j++) {
                IdentityResponse.ItemResult item = byId.get(entity.items().get(j).id());
                if (item == null) {
                    throw new IdentityException("no call answered item #" + (j + 1) + " of entity #" + (i + 1) + " of the request", true);
                }
                entityItems.add(item);
            }
            merged.add(new IdentityResponse.EntityResult(result.id(), result.idSource(), result.suid(), result.jitter(),
                    result.jitteredTimestamp(), entityItems));
        }
        return new IdentityResponse(merged);
    }

    private static boolean sameAnswer(IdentityResponse.EntityResult a, IdentityResponse.EntityResult b) {
        return Objects.equals(a.suid(), b.suid()) && Objects.equals(a.jitter(), b.jitter())
                && Objects.equals(a.jitteredTimestamp(), b.jitteredTimestamp());
    }
}
