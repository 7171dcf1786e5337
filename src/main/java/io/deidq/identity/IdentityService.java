package io.deidq.identity;

/**
 * The port through which the pipeline gets pseudonyms and date shifts: the DASHER client or the
 * embedded identity service, chosen by configuration. The same (id_source, id) always gets the
 * same suid and jitter.
 */
public interface IdentityService {

    /**
     * Answers for every entity and item of {@code request}, for {@code study} (DASHER's study name,
     * "test" by default). A failure is an {@link IdentityException} that says whether trying again
     * later may help.
     */
    IdentityResponse identify(String study, IdentityRequest request) throws IdentityException;
}
