package io.deidq.identifiers;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.HashMap;
import java.util.Map;

/** IdentifiersProperties as Spring binds them from properties, for tests that change a few. */
final class Settings {

    private Settings() {
    }

    /** {@code properties} as "name", "value" pairs, names without the deidq.identifiers. prefix. */
    static IdentifiersProperties with(String... properties) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            map.put("deidq.identifiers." + properties[i], properties[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map))
                .bindOrCreate("deidq.identifiers", Bindable.of(IdentifiersProperties.class));
    }
}
