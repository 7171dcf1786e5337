package io.deidq.identity;

import io.deidq.ConditionalOnRole;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * DASHER's contract (DESIGN.md, "Identity service contract"), served by the embedded service:
 * {@code POST /v1/uid/{study}} with an identity request answers its pseudonyms and jitter, so that
 * a deidq whose identity service is DASHER can be pointed at a deidq of role {@code identity}.
 */
@RestController
@ConditionalOnEmbeddedIdentity
@ConditionalOnRole("identity")
class UidController {

    private final EmbeddedIdentityService service;

    UidController(EmbeddedIdentityService service) {
        this.service = service;
    }

    @PostMapping(path = "/v1/uid/{study}", produces = MediaType.APPLICATION_JSON_VALUE)
    IdentityResponse identify(@PathVariable String study, @RequestBody IdentityRequest request) throws IdentityException {
        return service.identify(study, request);
    }
}
