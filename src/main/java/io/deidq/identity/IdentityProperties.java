package io.deidq.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which identity service the pipeline asks, and how the embedded one answers (config/README.md,
 * "Identity service"). The DASHER client's own settings live under {@code deidq.identity.dasher}.
 *
 * @param service  {@code embedded} (the default) or {@code dasher}; any other value stops start-up
 * @param embedded the embedded service's settings
 */
@ConfigurationProperties(prefix = "deidq.identity")
public record IdentityProperties(Service service, Embedded embedded) {

    /** The property that chooses the {@link IdentityService} bean. */
    public static final String SERVICE = "deidq.identity.service";

    public enum Service { EMBEDDED, DASHER }

    public IdentityProperties {
        if (service == null) {
            service = Service.EMBEDDED;
        }
        if (embedded == null) {
            embedded = new Embedded(null, null);
        }
    }

    /**
     * @param centerId the GSID API's center_id of every patient the pipeline pseudonymises: its
     *                 (id_source, id) is the local identifier (centerId, identifier_type = id_source,
     *                 local_subject_id = id)
     * @param jitter   the range each new subject's jitter is drawn from
     */
    public record Embedded(Integer centerId, Jitter jitter) {

        public Embedded {
            if (centerId == null) {
                centerId = 1;
            }
            if (centerId < 0) {
                throw new IllegalArgumentException("deidq.identity.embedded.center-id must not be negative, not " + centerId);
            }
            if (jitter == null) {
                jitter = new Jitter(null, null);
            }
        }
    }

    /** Whole days, both ends included, 0 never drawn. */
    public record Jitter(Integer minDays, Integer maxDays) {

        public Jitter {
            if (minDays == null) {
                minDays = -30;
            }
            if (maxDays == null) {
                maxDays = 30;
            }
        }

        JitterRange range() {
            return new JitterRange(minDays, maxDays);
        }
    }
}
