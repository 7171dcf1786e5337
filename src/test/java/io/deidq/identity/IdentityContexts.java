package io.deidq.identity;


import java.util.List;
import java.util.UUID;

/** The service in-process, as a worker uses the embedded identity service: role identity only, no HTTP, on a test database. */
final class IdentityContexts {

    private IdentityContexts() {
    }

    static IdentityRequest.Entity patient(String id, String birth, IdentityRequest.Item... studies) {
        return new IdentityRequest.Entity(id, "Stanford MRN", birth, null, List.of(studies));
    }

    static IdentityRequest.Item study(String accession, String date) {
        return new IdentityRequest.Item(accession, "DCM Accession #", date, null);
    }

    static IdentityRequest request(IdentityRequest.Entity... entities) {
        return new IdentityRequest(List.of(entities));
    }

    /** An id no other test uses, since the databases outlive single tests. */
    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
