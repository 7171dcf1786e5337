package io.deidq.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * @param apiKeys the API keys accepted in the X-API-Key header ({@code DEIDQ_API_KEYS}, comma-separated);
 *                none: every request that needs authentication is refused
 */
@ConfigurationProperties(prefix = "deidq")
public record ApiKeyProperties(List<String> apiKeys) {

    public ApiKeyProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }
}
