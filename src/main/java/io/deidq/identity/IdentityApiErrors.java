package io.deidq.identity;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The identity role's errors, as {"detail": ...} with their status: 400 for a body that is not of
 * the request's form, 422 for one whose values cannot be accepted (the line {@link GsidRequests}
 * draws, and {@link InvalidIdentityRequest} for the DASHER contract), 409 and 404 as the GSID API
 * says, 503 when the database fails, since the same request may then succeed later. Details never
 * quote the database's messages, which may hold identifiers.
 */
@RestControllerAdvice(assignableTypes = {GsidController.class, UidController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityApiErrors {

    private static final Logger log = LoggerFactory.getLogger(IdentityApiErrors.class);

    @ExceptionHandler
    ResponseEntity<Map<String, String>> gsid(GsidApiError e) {
        return detail(e.status(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> identity(IdentityException e) {
        if (e instanceof InvalidIdentityRequest invalid) {
            return detail(invalid.missing() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
        log.warn("identity request failed: {}", e.getMessage());
        return detail(e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> database(DataAccessException e) {
        log.warn("identity request failed in the database ({})", e.getClass().getSimpleName());
        return detail(HttpStatus.SERVICE_UNAVAILABLE, "the identity database failed (" + e.getClass().getSimpleName()
                + "); the request may succeed later");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return detail(HttpStatus.BAD_REQUEST, unreadableDetail(e));
    }

    private static String unreadableDetail(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonParseException) {
            return "the request body is not valid JSON";
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining());
            return "the request body does not have this request's form"
                    + (path.isEmpty() ? "" : " at " + path.substring(path.startsWith(".") ? 1 : 0));
        }
        return "the request body is missing or unreadable";
    }

    private static ResponseEntity<Map<String, String>> detail(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(Map.of("detail", detail));
    }
}
