package io.deidq.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.deidq.ConditionalOnRole;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The Global Subject ID API of seed 001, on the embedded service's subjects: the same subjects the
 * pipeline's patients are (config/README.md, "One subject for both"). Beyond the seed, one
 * endpoint adds a local identifier to an existing subject, which is how a subject comes to have
 * several. Authentication (X-API-Key) is the web layer's.
 */
@RestController
@ConditionalOnEmbeddedIdentity
@ConditionalOnRole("identity")
@RequestMapping(path = "/api/gsid", produces = MediaType.APPLICATION_JSON_VALUE)
class GsidController {

    private final SubjectRegistry subjects;

    GsidController(SubjectRegistry subjects) {
        this.subjects = subjects;
    }

    @PostMapping("/generate")
    ResponseEntity<GsidViews.Generated> generate(@RequestBody JsonNode body) {
        GsidRequests.Generate request = GsidRequests.generate(body);
        try {
            SubjectRecord subject = subjects.register(request.identifier(), request.metadata());
            return ResponseEntity.created(location(subject)).body(GsidViews.Generated.of(subject));
        } catch (SubjectRegistry.AlreadyRegistered e) {
            throw new GsidApiError(HttpStatus.CONFLICT, "a subject already exists for " + describe(request.identifier()));
        }
    }

    @PostMapping("/resolve")
    ResponseEntity<?> resolve(@RequestBody JsonNode body) {
        SubjectRegistry.Query query = GsidRequests.resolve(body);
        SubjectRegistry.Resolution resolution = subjects.resolve(List.of(query)).get(0);
        if (resolution instanceof SubjectRegistry.Resolution.Found found) {
            return ResponseEntity.ok(GsidViews.Resolved.of(found));
        }
        if (resolution instanceof SubjectRegistry.Resolution.Ambiguous ambiguous) {
            throw ambiguous("", query, ambiguous);
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(GsidViews.NotResolved.of(query));
    }

    @PostMapping("/batch/resolve")
    GsidViews.BatchResolution batchResolve(@RequestBody JsonNode body) {
        List<SubjectRegistry.Query> queries = GsidRequests.batchResolve(body);
        List<SubjectRegistry.Resolution> resolutions = subjects.resolve(queries);
        List<GsidViews.BatchResult> results = new ArrayList<>(queries.size());
        int found = 0;
        for (int i = 0; i < queries.size(); i++) {
            SubjectRegistry.Resolution resolution = resolutions.get(i);
            if (resolution instanceof SubjectRegistry.Resolution.Ambiguous ambiguous) {
                throw ambiguous("identifiers[" + i + "]: ", queries.get(i), ambiguous);
            }
            String gsid = resolution instanceof SubjectRegistry.Resolution.Found f ? f.subject().gsid() : null;
            found += gsid == null ? 0 : 1;
            results.add(new GsidViews.BatchResult(queries.get(i).localSubjectId(), gsid, gsid != null));
        }
        return new GsidViews.BatchResolution(results, queries.size(), found, queries.size() - found);
    }

    @GetMapping("/subjects/{gsid}")
    GsidViews.SubjectView subject(@PathVariable String gsid) {
        return subjects.byGsid(gsid).map(GsidViews.SubjectView::of).orElseThrow(() -> unknown(gsid));
    }

    @PostMapping("/subjects/{gsid}/local_identifiers")
    ResponseEntity<GsidViews.SubjectView> addLocalIdentifier(@PathVariable String gsid, @RequestBody JsonNode body) {
        LocalIdentifier identifier = GsidRequests.localIdentifier(body);
        try {
            SubjectRecord subject = subjects.addIdentifier(gsid, identifier);
            return ResponseEntity.created(location(subject)).body(GsidViews.SubjectView.of(subject));
        } catch (SubjectRegistry.UnknownSubject e) {
            throw unknown(gsid);
        } catch (SubjectRegistry.AlreadyRegistered e) {
            throw new GsidApiError(HttpStatus.CONFLICT, describe(identifier) + (e.sameSubject()
                    ? " is a local identifier of this subject already" : " is a local identifier of another subject"));
        }
    }

    private static URI location(SubjectRecord subject) {
        return URI.create("/api/gsid/subjects/" + subject.subject().gsid());
    }

    private static GsidApiError unknown(String gsid) {
        return new GsidApiError(HttpStatus.NOT_FOUND, "no subject has the GSID " + gsid);
    }

    private static GsidApiError ambiguous(String at, SubjectRegistry.Query query, SubjectRegistry.Resolution.Ambiguous ambiguous) {
        return new GsidApiError(HttpStatus.CONFLICT, at + "center_id=" + query.centerId() + ", local_subject_id=" + query.localSubjectId()
                + " names several subjects, under the identifier types " + String.join(", ", ambiguous.identifierTypes())
                + ": give identifier_type");
    }

    private static String describe(LocalIdentifier id) {
        return "center_id=" + id.centerId() + ", identifier_type=" + id.identifierType() + ", local_subject_id=" + id.localSubjectId();
    }
}
