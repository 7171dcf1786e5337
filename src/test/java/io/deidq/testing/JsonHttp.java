package io.deidq.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON requests to the running service, bodies as text (so that malformed ones can be sent), answers as JSON trees. */
public final class JsonHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;

    public JsonHttp(TestRestTemplate http) {
        this.http = http;
    }

    public record Answer(HttpStatusCode status, HttpHeaders headers, JsonNode body) {

        public int code() {
            return status.value();
        }

        /** The body's "detail", as every error answers it. */
        public String detail() {
            return body.path("detail").asText(null);
        }
    }

    /** {@code key} null: no X-API-Key header. */
    public Answer post(String path, String body, String key) {
        HttpHeaders headers = headers(key);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers));
    }

    public Answer get(String path, String key) {
        return exchange(path, HttpMethod.GET, new HttpEntity<>(headers(key)));
    }

    public Answer exchange(String path, HttpMethod method, HttpEntity<String> request) {
        ResponseEntity<String> response = http.exchange(path, method, request, String.class);
        return new Answer(response.getStatusCode(), response.getHeaders(), parse(response.getBody()));
    }

    public static JsonNode parse(String json) {
        try {
            return json == null ? JSON.missingNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the service answered something that is not JSON: " + json, e);
        }
    }

    private static HttpHeaders headers(String key) {
        HttpHeaders headers = new HttpHeaders();
        if (key != null) {
            headers.set("X-API-Key", key);
        }
        return headers;
    }
}
