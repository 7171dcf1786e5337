package io.deidq.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call deidq's HTTP API: {@code /health} and {@code /version} anyone; everything else a
 * caller with an API key (config/README.md, "API keys"). Stateless: no session, no cookie, so no
 * CSRF to guard against. The dashboard's login, when it comes, is a chain of its own for its
 * paths, ordered before this one, or a second authentication provider beside the API key's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    ApiKeys apiKeys(ApiKeyProperties properties) {
        ApiKeys keys = new ApiKeys(properties.apiKeys());
        if (keys.none()) {
            log.warn("no API keys are configured (DEIDQ_API_KEYS): every HTTP request but GET /health and /version is refused with 401");
        }
        return keys;
    }

    /** Also keeps Spring Boot from making a user with a generated password, which it would log. */
    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeys keys) {
        return new ApiKeyAuthenticationProvider(keys);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeyAuthenticationProvider provider, ApiKeys keys, ObjectMapper json) throws Exception {
        JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint(keys, json);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(new ProviderManager(provider)), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/health", "/version", "/error").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .build();
    }
}
