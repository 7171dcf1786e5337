package io.deidq.identifiers;

/** Where an image's fields are in ids: ids[entity][item]. Both are identifiers: keep them out of logs. */
public record ItemKey(String entity, String item) {
}
