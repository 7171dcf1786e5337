package io.deidq.web;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A request's API key: presented (not yet checked, the key as credentials), then accepted (the
 * key erased, the principal "api-key").
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private String key;

    private ApiKeyAuthentication(String key, boolean authenticated) {
        super(authenticated ? AuthorityUtils.createAuthorityList("ROLE_API") : AuthorityUtils.NO_AUTHORITIES);
        this.key = key;
        super.setAuthenticated(authenticated);
    }

    static ApiKeyAuthentication presented(String key) {
        return new ApiKeyAuthentication(key, false);
    }

    static ApiKeyAuthentication accepted() {
        return new ApiKeyAuthentication(null, true);
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return "api-key";
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("an API key is accepted by ApiKeyAuthenticationProvider only");
        }
        super.setAuthenticated(false);
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        key = null;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthentication[authenticated=" + isAuthenticated() + "]";
    }
}
