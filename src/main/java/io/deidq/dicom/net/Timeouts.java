package io.deidq.dicom.net;

/**
 * The upper layer's timers (PS3.8 9.1.5): ARTIM bounds each wait of association setup and
 * teardown (for the A-ASSOCIATE-RQ after connecting, for the answer to it, for the peer to close);
 * the idle timer bounds the wait for the next PDU of an established association. In milliseconds;
 * 0 waits for ever.
 */
public record Timeouts(int connectMillis, int artimMillis, int idleMillis) {

    public static final Timeouts DEFAULT = new Timeouts(10_000, 30_000, 60_000);

    public Timeouts {
        if (connectMillis < 0 || artimMillis < 0 || idleMillis < 0) {
            throw new IllegalArgumentException("timeouts cannot be negative");
        }
    }
}
