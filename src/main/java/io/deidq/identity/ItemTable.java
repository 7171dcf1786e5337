package io.deidq.identity;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The item rows (V3__identity.sql): each item's suid. Lookups go in chunks of
 * {@link SubjectTable#CHUNK} ids per query, inserts in one JDBC batch. The caller holds the transaction.
 */
@Component
@ConditionalOnEmbeddedIdentity
class ItemTable {

    private final NamedParameterJdbcTemplate jdbc;

    ItemTable(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The suids of those of {@code items} that have one. */
    Map<ItemKey, String> find(Collection<ItemKey> items) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (ItemKey item : items) {
            bySource.computeIfAbsent(item.idSource(), s -> new ArrayList<>()).add(item.id());
        }
        Map<ItemKey, String> found = new HashMap<>();
        bySource.forEach((source, ids) -> {
            for (int from = 0; from < ids.size(); from += SubjectTable.CHUNK) {
                MapSqlParameterSource parameters = new MapSqlParameterSource("source", source)
                        .addValue("ids", ids.subList(from, Math.min(ids.size(), from + SubjectTable.CHUNK)));
                jdbc.query("select item_id, suid from identity_item where item_id in (:ids) and id_source = :source", parameters,
                        rs -> {
                            found.put(new ItemKey(source, rs.getString("item_id")), rs.getString("suid"));
                        });
            }
        });
        return found;
    }

    void insert(Map<ItemKey, String> suids, Instant at) {
        Timestamp now = Timestamp.from(at);
        jdbc.batchUpdate("insert into identity_item (item_id, id_source, suid, created_at) values (:id, :source, :suid, :at)",
                suids.entrySet().stream().map(e -> new MapSqlParameterSource()
                        .addValue("id", e.getKey().id())
                        .addValue("source", e.getKey().idSource())
                        .addValue("suid", e.getValue())
                        .addValue("at", now)).toArray(MapSqlParameterSource[]::new));
    }
}
