package io.deidq.identity;

import java.util.Comparator;

/** What names an item (a study): (id_source, id). Ordered as the database key, for the reason {@link LocalIdentifier} gives. */
record ItemKey(String idSource, String id) implements Comparable<ItemKey> {

    private static final Comparator<ItemKey> KEY_ORDER = Comparator.comparing(ItemKey::id).thenComparing(ItemKey::idSource);

    @Override
    public int compareTo(ItemKey other) {
        return KEY_ORDER.compare(this, other);
    }
}
