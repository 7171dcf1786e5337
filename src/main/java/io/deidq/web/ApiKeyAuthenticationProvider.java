package io.deidq.web;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Accepts an {@link ApiKeyAuthentication} whose key is one of the configured {@link ApiKeys}. */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeys keys;

    ApiKeyAuthenticationProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object key = authentication.getCredentials();
        if (!(key instanceof String presented) || !keys.accepts(presented)) {
            throw new BadCredentialsException("the API key is not valid");
        }
        return ApiKeyAuthentication.accepted();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }
}
