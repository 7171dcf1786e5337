package io.deidq.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An association over which images arrived: batch assembly closes a batch only once every
 * association that contributed to it has ended ({@link #closedAt()} set). The spool of the receiver
 * that served it tells a receiver restarted after a kill which open associations were its own.
 */
@Entity
@Table(name = "received_association")
public class ReceivedAssociation {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "calling_ae_title", nullable = false, length = 16)
    private String callingAeTitle;

    @Column(name = "called_ae_title", nullable = false, length = 16)
    private String calledAeTitle;

    @Column(name = "peer_address", nullable = false, length = 64)
    private String peerAddress;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "released")
    private Boolean released;

    @Column(name = "spool_id", length = 36)
    private String spoolId;

    protected ReceivedAssociation() {
    }

    public ReceivedAssociation(String id, String callingAeTitle, String calledAeTitle, String peerAddress, Instant openedAt,
                               String spoolId) {
        this.id = id;
        this.callingAeTitle = callingAeTitle;
        this.calledAeTitle = calledAeTitle;
        this.peerAddress = peerAddress;
        this.openedAt = openedAt;
        this.spoolId = spoolId;
    }

    public String id() {
        return id;
    }

    public String callingAeTitle() {
        return callingAeTitle;
    }

    public String calledAeTitle() {
        return calledAeTitle;
    }

    public String peerAddress() {
        return peerAddress;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    /** The id of the spool of the receiver that served it; null on rows recorded before receivers had one. */
    public String spoolId() {
        return spoolId;
    }

    /** True when the peer released it, false when it was aborted or failed; null while it is open. */
    public Boolean released() {
        return released;
    }

    void close(Instant at, boolean releasedByPeer) {
        closedAt = at;
        released = releasedByPeer;
    }
}
