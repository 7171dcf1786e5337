package io.deidq.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.deidq.ConditionalOnRole;
import io.deidq.batch.Batch;
import io.deidq.batch.BatchRepository;
import io.deidq.batch.BatchReruns;
import io.deidq.batch.BatchState;
import io.deidq.batch.ImageCount;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.TaskRunRepository;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The Batches API (config/README.md, "Batches API"): batches listed newest first, one batch with
 * its task runs and its ETag, and an operator's rerun and cancel, each on the ETag the operator
 * saw ({@code If-Match}). Authentication (X-API-Key) is {@link SecurityConfiguration}'s.
 */
@RestController
@ConditionalOnRole("web")
@RequestMapping(path = "/api/batches", produces = MediaType.APPLICATION_JSON_VALUE)
class BatchController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final BatchRepository batches;
    private final ImageRepository images;
    private final TaskRunRepository runs;
    private final BatchReruns reruns;

    BatchController(BatchRepository batches, ImageRepository images, TaskRunRepository runs, BatchReruns reruns) {
        this.batches = batches;
        this.images = images;
        this.runs = runs;
        this.reruns = reruns;
    }

    @GetMapping
    BatchViews.Page list(@RequestParam(required = false) String state, @RequestParam(name = "_count", required = false) String count,
                         @RequestParam(name = "_token", required = false) String token) {
        int size = count == null ? DEFAULT_LIMIT : count(count);
        long before = token == null ? Long.MAX_VALUE : PageToken.before(token);
        List<Batch> page = state == null
                ? batches.findByIdLessThanOrderByIdDesc(before, Limit.of(size))
                : batches.findByStateAndIdLessThanOrderByIdDesc(state(state), before, Limit.of(size));
        Map<Long, Long> counts = page.isEmpty() ? Map.of() : images.countByBatchIds(page.stream().map(Batch::id).toList()).stream()
                .collect(Collectors.toMap(ImageCount::batchId, ImageCount::images));
        List<BatchViews.Summary> summaries = page.stream().map(b -> BatchViews.Summary.of(b, counts.getOrDefault(b.id(), 0L))).toList();
        return new BatchViews.Page(summaries, page.size() == size ? PageToken.of(page.get(page.size() - 1).id()) : null);
    }

    @GetMapping("/{id}")
    ResponseEntity<BatchViews.Detail> batch(@PathVariable long id) {
        return answer(HttpStatus.OK, batches.findById(id).orElseThrow(() -> unknown(id)));
    }

    @PostMapping(path = "/{id}/rerun", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchViews.Detail> rerun(@PathVariable long id, @RequestBody JsonNode body,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        BatchReruns.From from = rerunFrom(body);
        return answer(HttpStatus.ACCEPTED, reruns.rerun(id, expectedVersion(id, ifMatch, "rerun"), from));
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<BatchViews.Detail> cancel(@PathVariable long id,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(HttpStatus.ACCEPTED, reruns.cancel(id, expectedVersion(id, ifMatch, "cancel")));
    }

    private ResponseEntity<BatchViews.Detail> answer(HttpStatus status, Batch batch) {
        BatchViews.Detail detail = new BatchViews.Detail(BatchViews.Summary.of(batch, images.countByBatchId(batch.id())),
                runs.findByBatchIdOrderById(batch.id()).stream().map(BatchViews.TaskRunView::of).toList());
        return ResponseEntity.status(status).eTag(BatchETags.of(batch)).body(detail);
    }

    /** The version {@code If-Match} names: required (428), and a tag of a batch version, else it matches none (412). */
    private long expectedVersion(long id, String ifMatch, String move) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new BatchApiError(HttpStatus.PRECONDITION_REQUIRED, "If-Match is required to " + move + " batch " + id
                    + ": send the ETag that GET /api/batches/" + id + " answered, as W/\"<version>\"");
        }
        OptionalLong version = BatchETags.version(ifMatch);
        if (version.isEmpty()) {
            Batch current = batches.findById(id).orElseThrow(() -> unknown(id));
            throw new BatchApiError(HttpStatus.PRECONDITION_FAILED, "If-Match " + ifMatch.strip() + " is not an ETag of batch " + id
                    + ", which is " + BatchETags.of(current) + "; send the ETag that GET /api/batches/" + id + " answered");
        }
        return version.getAsLong();
    }

    private static BatchReruns.From rerunFrom(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw BatchApiError.badRequest("the request body must be a JSON object: {\"from\": \"failed-stage\"} or {\"from\": \"start\"}");
        }
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!field.equals("from")) {
                throw BatchApiError.badRequest(field + " is not a field of this request; its only field is from");
            }
        }
        JsonNode from = body.get("from");
        if (from == null || from.isNull()) {
            throw BatchApiError.badRequest("from is missing: \"failed-stage\" or \"start\"");
        }
        if (from.isTextual() && from.textValue().equals("failed-stage")) {
            return BatchReruns.From.FAILED_STAGE;
        }
        if (from.isTextual() && from.textValue().equals("start")) {
            return BatchReruns.From.START;
        }
        throw BatchApiError.badRequest("from must be \"failed-stage\" or \"start\"");
    }

    private static BatchState state(String state) {
        try {
            return BatchState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw BatchApiError.badRequest("state must be one of " + Arrays.stream(BatchState.values()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
        }
    }

    private static int count(String count) {
        int size = count.matches("\\d{1,3}") ? Integer.parseInt(count) : 0;
        if (size < 1 || size > MAX_LIMIT) {
            throw BatchApiError.badRequest("_count must be a whole number from 1 to " + MAX_LIMIT);
        }
        return size;
    }

    private static BatchApiError unknown(long id) {
        return new BatchApiError(HttpStatus.NOT_FOUND, "no batch has the id " + id);
    }
}
