package io.deidq.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a request into the calls DASHER takes: no entity with more than max-items-per-entity
 * items in a call (DASHER handles at most 1,000), no call with more than max-items-per-call items
 * in all. An entity's items are cut into consecutive slices; slices, in the request's order, fill
 * a call until the next would overflow it, and two slices of one entity never share a call (DASHER
 * would see the entity twice). An entity without items weighs one item. Entities twice in the
 * request, or an item twice under its entity, are refused: their answers could not be told apart.
 */
final class DasherRequestSplitter {

    private final int maxItemsPerEntity;
    private final int maxItemsPerCall;

    DasherRequestSplitter(int maxItemsPerEntity, int maxItemsPerCall) {
        this.maxItemsPerEntity = maxItemsPerEntity;
        this.maxItemsPerCall = maxItemsPerCall;
    }

    List<IdentityRequest> split(IdentityRequest request) throws IdentityException {
        checkUnique(request);
        int slice = Math.min(maxItemsPerEntity, maxItemsPerCall);
        List<IdentityRequest> calls = new ArrayList<>();
        List<IdentityRequest.Entity> call = new ArrayList<>();
        int weight = 0;
        for (IdentityRequest.Entity entity : request.identifiers()) {
            List<IdentityRequest.Item> items = entity.items();
            int from = 0;
            boolean inCall = false;
            do {
                List<IdentityRequest.Item> part = items.subList(from, Math.min(items.size(), from + slice));
                int partWeight = Math.max(1, part.size());
                if (!call.isEmpty() && (inCall || weight + partWeight > maxItemsPerCall)) {
                    calls.add(new IdentityRequest(call));
                    call = new ArrayList<>();
                    weight = 0;
                }
                call.add(new IdentityRequest.Entity(entity.id(), entity.idSource(), entity.idTimestamp(), entity.customFields(), part));
                weight += partWeight;
                inCall = true;
                from += part.size();
            } while (from < items.size());
        }
        if (!call.isEmpty()) {
            calls.add(new IdentityRequest(call));
        }
        return calls;
    }

    private static void checkUnique(IdentityRequest request) throws IdentityException {
        Map<DasherEntityKey, Integer> entities = new HashMap<>();
        for (int i = 0; i < request.identifiers().size(); i++) {
            IdentityRequest.Entity entity = request.identifiers().get(i);
            if (entity.id() == null || entity.idSource() == null) {
                throw new IdentityException("entity #" + (i + 1) + " of the request has no id or no id_source", false);
            }
            Integer before = entities.putIfAbsent(DasherEntityKey.of(entity), i);
            if (before != null) {
                throw new IdentityException("entities #" + (before + 1) + " and #" + (i + 1) + " of the request are the same entity"
                        + " (same id_source '" + entity.idSource() + "' and id): their items must be under one", false);
            }
            Set<String> items = new HashSet<>();
            for (int j = 0; j < entity.items().size(); j++) {
                String id = entity.items().get(j).id();
                if (id == null) {
                    throw new IdentityException("item #" + (j + 1) + " of entity #" + (i + 1) + " of the request has no id", false);
                }
                if (!items.add(id)) {
                    throw new IdentityException("entity #" + (i + 1) + " of the request has item #" + (j + 1)
                            + " twice (an earlier item has the same id)", false);
                }
            }
        }
    }
}
