package io.deidq.dicom.net;

import io.deidq.dicom.dict.UidRegistry;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends instances to a storage SCP (PS3.4 B): one association for as many instances as fit its
 * presentation contexts, one context per SOP class and transfer syntax found, each instance sent
 * in the transfer syntax it is encoded in (no transcoding). More than 128 such pairs take one
 * association after another. Every instance ends up reported to the {@link Listener}, sent or
 * failed with the reason; none is dropped.
 */
public final class StoreScu {

    /** The most presentation contexts an association can carry: odd IDs 1 to 255 (PS3.8 9.3.2.2). */
    static final int MAX_CONTEXTS = 128;

    /** Where each instance went: called once per instance, in the order sent. */
    public interface Listener {

        /** The peer answered; success or warning statuses mean it was stored. */
        void answered(StorableInstance instance, StoreResult result);

        /** The instance could not be sent: not offered, not accepted, or the association failed. */
        void failed(StorableInstance instance, String reason);
    }

    /**
     * @param callingAeTitle our AE title
     * @param calledAeTitle  the peer's
     * @param maxPduReceived the maximum P-DATA-TF length we accept (0: no limit)
     * @param tls            TLS context, or null for plain TCP
     */
    public record Peer(String host, int port, String callingAeTitle, String calledAeTitle, long maxPduReceived,
                       Timeouts timeouts, SSLContext tls) {
    }

    private record Pair(String sopClassUid, String transferSyntaxUid) {
    }

    private final Peer peer;

    public StoreScu(Peer peer) {
        this.peer = peer;
    }

    public void send(List<StorableInstance> instances, Listener listener) {
        Map<Pair, List<StorableInstance>> byPair = new LinkedHashMap<>();
        for (StorableInstance instance : instances) {
            byPair.computeIfAbsent(new Pair(instance.sopClassUid(), instance.transferSyntaxUid()), p -> new ArrayList<>()).add(instance);
        }
        List<Pair> pairs = new ArrayList<>(byPair.keySet());
        for (int from = 0; from < pairs.size(); from += MAX_CONTEXTS) {
            List<Pair> chunk = pairs.subList(from, Math.min(pairs.size(), from + MAX_CONTEXTS));
            sendOverOneAssociation(chunk, byPair, listener);
        }
    }

    /**
     * Sends the instances of {@code pairs}. When the association fails, the instance in flight is
     * reported failed and the rest go over a new association: one bad instance (a peer that aborts
     * on it) costs that instance only. Each round uses up at least one instance, so this ends.
     */
    private void sendOverOneAssociation(List<Pair> pairs, Map<Pair, List<StorableInstance>> byPair, Listener listener) {
        List<PresentationContext> contexts = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            contexts.add(new PresentationContext(2 * i + 1, pairs.get(i).sopClassUid(), List.of(pairs.get(i).transferSyntaxUid())));
        }
        List<StorableInstance> queue = new ArrayList<>();
        pairs.forEach(pair -> queue.addAll(byPair.get(pair)));
        int next = 0;
        while (next < queue.size()) {
            Association association;
            try {
                association = DicomClient.open(peer.host(), peer.port(),
                        DicomClient.request(peer.callingAeTitle(), peer.calledAeTitle(), contexts, peer.maxPduReceived()),
                        peer.timeouts(), peer.maxPduReceived(), peer.tls());
            } catch (IOException e) {
                queue.subList(next, queue.size()).forEach(instance -> listener.failed(instance, "no association: " + e.getMessage()));
                return;
            }
            next = sendUntilFailure(association, contexts, queue, next, listener);
        }
    }

    /** Sends from {@code next} on; returns where to go on from: the end, or just past an instance the association failed on. */
    private static int sendUntilFailure(Association association, List<PresentationContext> contexts, List<StorableInstance> queue,
                                        int next, Listener listener) {
        int messageId = 0;
        try {
            for (; next < queue.size(); next++) {
                StorableInstance instance = queue.get(next);
                int pc = association.contextFor(instance.sopClassUid(), instance.transferSyntaxUid());
                if (pc < 0) {
                    listener.failed(instance, "the peer did not accept " + name(instance.sopClassUid()) + " in "
                            + name(instance.transferSyntaxUid()) + ": " + refusal(association, contexts, instance));
                    continue;
                }
                messageId = (messageId + 1) & 0xFFFF;
                listener.answered(instance, DicomClient.store(association, pc, messageId, instance.sopClassUid(),
                        instance.sopInstanceUid(), DataSetWriter.fileRegion(instance.file(), instance.datasetOffset())));
            }
            association.release();
            return next;
        } catch (IOException e) {
            association.close();
            listener.failed(queue.get(next), "the association failed while sending it: " + e.getMessage());
            return next + 1;
        }
    }

    private static String refusal(Association association, List<PresentationContext> contexts, StorableInstance instance) {
        for (PresentationContext pc : contexts) {
            if (pc.abstractSyntax().equals(instance.sopClassUid()) && pc.transferSyntaxes().contains(instance.transferSyntaxUid())) {
                for (PresentationContextResult result : association.acceptance().results()) {
                    if (result.id() == pc.id()) {
                        return PresentationContextResult.describe(result.result());
                    }
                }
            }
        }
        return "no answer to its presentation context";
    }

    private static String name(String uid) {
        UidRegistry.Entry entry = UidRegistry.lookup(uid);
        return entry == null ? uid : entry.keyword() + " (" + uid + ")";
    }
}
