package io.deidq.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the identifier stages made of one batch, each as JSON and null until its stage made it:
 * the ids extracted from the headers (ids[entity][item] = {field: value}), the identity request,
 * the identity response, and the ids updated with the response. All of it is PHI or pseudonyms.
 */
@Entity
@Table(name = "batch_identifiers")
public class BatchIdentifiers {

    @Id
    @Column(name = "batch_id")
    private Long batchId;

    @Column(name = "ids")
    private String ids;

    @Column(name = "request")
    private String request;

    @Column(name = "response")
    private String response;

    @Column(name = "updated_ids")
    private String updatedIds;

    protected BatchIdentifiers() {
    }

    public BatchIdentifiers(long batchId) {
        this.batchId = batchId;
    }

    public Long batchId() {
        return batchId;
    }

    public String ids() {
        return ids;
    }

    public String request() {
        return request;
    }

    public String response() {
        return response;
    }

    public String updatedIds() {
        return updatedIds;
    }

    public void ids(String json) {
        ids = json;
    }

    public void request(String json) {
        request = json;
    }

    public void response(String json) {
        response = json;
    }

    public void updatedIds(String json) {
        updatedIds = json;
    }
}
