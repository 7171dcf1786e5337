package io.deidq.identity;

/** What names an entity to DASHER: its id within its source. Answers are matched to requests by it, never by position. */
record DasherEntityKey(String idSource, String id) {

    static DasherEntityKey of(IdentityRequest.Entity entity) {
        return new DasherEntityKey(entity.idSource(), entity.id());
    }

    @Override
    public String toString() {
        // The id is a patient identifier: it is kept out of whatever prints a key.
        return "entity of " + idSource;
    }
}
