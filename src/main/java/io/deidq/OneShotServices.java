package io.deidq;

import io.deidq.identifiers.IdentifiersProperties;
import io.deidq.identity.IdentityService;
import io.deidq.recipe.RecipeProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's own identity service and settings, for a one-shot command (deidq anonymize): the
 * application started in the role identity alone, without web server, receiver or workers, and
 * otherwise configured exactly as the service is (application.yml, DEIDQ_* variables), so that a
 * one-shot run gives the pseudonyms the service gives. The embedded identity service opens the service's database: with H2, a running service
 * holds its lock, and the command must then use the service's database server or wait.
 */
public final class OneShotServices implements AutoCloseable {

    /**
     * The identity services keep their tables with JDBC; JPA (batches, images) would only cost
     * start-up time, and with lazy initialisation nothing asks for the repositories it makes.
     */
    private static final String JPA_AUTO_CONFIGURATION = "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration";

    private final ConfigurableApplicationContext context;

    private OneShotServices(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param identity {@code embedded} or {@code dasher} (deidq.identity.service) */
    public static OneShotServices start(String identity) {
        return start(identity, Map.of());
    }

    /** With {@code properties} as command-line arguments would set them, over application.yml and the environment. */
    public static OneShotServices start(String identity, Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        // As arguments, these win over application.yml and DEIDQ_ROLES: nothing but the identity service may start.
        all.put("deidq.roles", "identity");
        all.put("deidq.identity.service", identity);
        all.put("spring.autoconfigure.exclude", JPA_AUTO_CONFIGURATION);
        all.putIfAbsent("logging.level.root", "WARN");
        all.putIfAbsent("logging.level.io.deidq", "WARN");
        List<String> arguments = new ArrayList<>();
        all.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new OneShotServices(new SpringApplicationBuilder(DeidqApplication.class)
                .web(WebApplicationType.NONE)
                .lazyInitialization(true)
                .logStartupInfo(false)
                .run(arguments.toArray(String[]::new)));
    }

    public IdentityService identityService() {
        return context.getBean(IdentityService.class);
    }

    public IdentifiersProperties identifiers() {
        return context.getBean(IdentifiersProperties.class);
    }

    public RecipeProperties recipe() {
        return context.getBean(RecipeProperties.class);
    }

    public DeidqProperties deidq() {
        return context.getBean(DeidqProperties.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
