package io.deidq.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;
import java.util.Map;

/** 401 with {"detail": ...}: why the request is not authenticated (no key, a key not accepted, or no keys configured at all). */
final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ApiKeys keys;
    private final ObjectMapper json;

    JsonAuthenticationEntryPoint(ApiKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) throws IOException {
        String detail;
        if (keys.none()) {
            detail = "no API keys are configured (DEIDQ_API_KEYS), so this endpoint cannot be used";
        } else if (request.getAttribute(ApiKeyAuthenticationFilter.REFUSED) != null) {
            detail = "the API key is not valid";
        } else {
            detail = "an API key is required in the " + ApiKeyAuthenticationFilter.HEADER + " header";
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("detail", detail));
    }
}
