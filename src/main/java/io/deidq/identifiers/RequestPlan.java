package io.deidq.identifiers;

import io.deidq.identity.IdentityRequest;

import java.util.Map;

/**
 * An identity request and, for every image of the ids it was built from, the study of the request
 * the image belongs to: items of ids are images, items of the request studies.
 */
record RequestPlan(IdentityRequest request, Map<ItemKey, Study> studies) {

    /** The entity (by id_source and id) and item (by id) of the request that an image belongs to. */
    record Study(String entitySource, String entityId, String itemId) {
    }
}
