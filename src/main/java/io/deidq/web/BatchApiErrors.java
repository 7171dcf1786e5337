package io.deidq.web;

import com.fasterxml.jackson.core.JsonParseException;
import io.deidq.batch.BatchRefusal;
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

/**
 * The Batches API's errors, as {"detail": ...}: 404 unknown batch, 412 (with the current ETag) when
 * If-Match is not the batch's version, 409 when its state does not allow the move, 400 and 428 as
 * {@link BatchController} raises them, 503 when the database fails. Details name the batch by its
 * id and never quote the database's messages, which may hold identifiers.
 */
@RestControllerAdvice(assignableTypes = BatchController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class BatchApiErrors {

    private static final Logger log = LoggerFactory.getLogger(BatchApiErrors.class);

    @ExceptionHandler
    ResponseEntity<Map<String, String>> api(BatchApiError e) {
        return detail(ResponseEntity.status(e.status()), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> refused(BatchRefusal e) {
        if (e instanceof BatchRefusal.Stale stale) {
            return detail(ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(BatchETags.of(stale.currentVersion())), e.getMessage());
        }
        HttpStatus status = e instanceof BatchRefusal.Unknown ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return detail(ResponseEntity.status(status), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return detail(ResponseEntity.status(HttpStatus.BAD_REQUEST), e.getCause() instanceof JsonParseException
                ? "the request body is not valid JSON" : "the request body is missing or unreadable");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> database(DataAccessException e) {
        log.warn("batches request failed in the database ({})", e.getClass().getSimpleName());
        return detail(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE), "the database failed (" + e.getClass().getSimpleName()
                + "); the request may succeed later");
    }

    private static ResponseEntity<Map<String, String>> detail(ResponseEntity.BodyBuilder response, String detail) {
        return response.body(Map.of("detail", detail));
    }
}
