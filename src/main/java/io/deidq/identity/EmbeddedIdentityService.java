package io.deidq.identity;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The default {@link IdentityService}: deidq's own pseudonyms, kept in its database. An entity
 * (patient) is the subject its local identifier (the configured center, id_source, id) names, the
 * one the GSID API shows; its suid and jitter are the subject's. An item (study) has a suid of its
 * own and its entity's jitter, as DASHER answers. Timestamps are shifted by the jitter in whole
 * days ({@link IdentityTimestamp}). The study name is accepted as DASHER takes it and does not
 * matter: a patient is one subject in every study.
 */
@Service
@ConditionalOnEmbeddedIdentity
public class EmbeddedIdentityService implements IdentityService {

    private final PseudonymStore store;
    private final int centerId;

    EmbeddedIdentityService(PseudonymStore store, IdentityProperties properties) {
        this.store = store;
        this.centerId = properties.embedded().centerId();
    }

    @Override
    public IdentityResponse identify(String study, IdentityRequest request) throws IdentityException {
        IdentityRequestValidation.validate(request);
        Set<LocalIdentifier> entityIds = new HashSet<>();
        Set<ItemKey> itemKeys = new HashSet<>();
        for (IdentityRequest.Entity entity : request.identifiers()) {
            entityIds.add(localIdentifier(entity));
            for (IdentityRequest.Item item : entity.items()) {
                itemKeys.add(new ItemKey(item.idSource(), item.id()));
            }
        }
        PseudonymStore.Pseudonyms pseudonyms;
        try {
            pseudonyms = store.of(entityIds, itemKeys);
        } catch (DataAccessException e) {
            // The database's own message may quote the identifiers: it stays in the cause.
            throw new IdentityException("the embedded identity service's database failed (" + e.getClass().getSimpleName()
                    + "); the request may succeed later", true, e);
        }
        List<IdentityRequest.Entity> entities = request.identifiers();
        List<IdentityResponse.EntityResult> results = new ArrayList<>(entities.size());
        for (int e = 0; e < entities.size(); e++) {
            results.add(answer(entities.get(e), "identifiers[" + e + "]", pseudonyms));
        }
        return new IdentityResponse(results);
    }

    private IdentityResponse.EntityResult answer(IdentityRequest.Entity entity, String at, PseudonymStore.Pseudonyms pseudonyms)
            throws InvalidIdentityRequest {
        Subject subject = pseudonyms.subjects().get(localIdentifier(entity));
        int jitter = subject.jitterDays();
        List<IdentityResponse.ItemResult> items = new ArrayList<>(entity.items().size());
        for (int i = 0; i < entity.items().size(); i++) {
            IdentityRequest.Item item = entity.items().get(i);
            String suid = pseudonyms.itemSuids().get(new ItemKey(item.idSource(), item.id()));
            items.add(new IdentityResponse.ItemResult(item.id(), item.idSource(), suid, jitter,
                    shifted(item.idTimestamp(), jitter, at + ".items[" + i + "]")));
        }
        return new IdentityResponse.EntityResult(entity.id(), entity.idSource(), subject.suid(), jitter,
                shifted(entity.idTimestamp(), jitter, at), items);
    }

    private LocalIdentifier localIdentifier(IdentityRequest.Entity entity) {
        return new LocalIdentifier(centerId, entity.idSource(), entity.id());
    }

    /** {@code timestamp}, valid already, shifted by {@code jitter} days; null when there is none. */
    private static String shifted(String timestamp, int jitter, String at) throws InvalidIdentityRequest {
        if (timestamp == null) {
            return null;
        }
        IdentityTimestamp shifted = IdentityTimestamp.parse(timestamp).orElseThrow().plusDays(jitter);
        if (!shifted.writable()) {
            throw new InvalidIdentityRequest(at + ".id_timestamp, shifted, falls outside the years 0000 to 9999", false);
        }
        return shifted.toString();
    }
}
