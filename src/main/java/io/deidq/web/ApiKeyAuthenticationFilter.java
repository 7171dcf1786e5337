package io.deidq.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates a request by its API key: the {@code X-API-Key} header, or
 * {@code Authorization: Bearer <key>}, which is how the DASHER client sends its token, so that a
 * deidq whose identity service is DASHER can use a deidq of role identity with an API key as its
 * access token. A request without a key goes on anonymous; one with a key that is not accepted
 * goes on anonymous too, marked, so that open endpoints still answer it and the others answer 401
 * saying the key is not valid ({@link JsonAuthenticationEntryPoint}).
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    static final String REFUSED = ApiKeyAuthenticationFilter.class.getName() + ".REFUSED";
    private static final String BEARER = "Bearer ";

    private final AuthenticationManager authenticationManager;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(AuthenticationManager authenticationManager) {
        this.authenticationManager = authenticationManager;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = presentedKey(request);
        if (key != null) {
            try {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(authenticationManager.authenticate(ApiKeyAuthentication.presented(key)));
                contexts.setContext(context);
            } catch (AuthenticationException refused) {
                contexts.clearContext();
                request.setAttribute(REFUSED, refused);
            }
        }
        chain.doFilter(request, response);
    }

    private static String presentedKey(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key == null) {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                key = authorization.substring(BEARER.length());
            }
        }
        return key == null ? null : key.strip();
    }
}
