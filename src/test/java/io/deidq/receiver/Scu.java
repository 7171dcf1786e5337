package io.deidq.receiver;

import io.deidq.dicom.net.Association;
import io.deidq.dicom.net.DataSetWriter;
import io.deidq.dicom.net.DicomClient;
import io.deidq.dicom.net.PresentationContext;
import io.deidq.dicom.net.StoreResult;
import io.deidq.dicom.net.Timeouts;
import io.deidq.receiver.TestInstances.Instance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** deidq's own SCU, for what storescu cannot send or cannot be made to do. */
final class Scu {

    static final Timeouts TIMEOUTS = new Timeouts(10_000, 30_000, 60_000);
    private static final long MAX_PDU = 16_384;

    private Scu() {
    }

    /** An association proposing each (SOP class, transfer syntax) of the instances in a context of its own. */
    static Association open(int port, String callingAeTitle, String calledAeTitle, List<Instance> instances) throws IOException {
        Set<List<String>> pairs = new LinkedHashSet<>();
        instances.forEach(i -> pairs.add(List.of(i.sopClassUid(), i.transferSyntaxUid())));
        List<PresentationContext> contexts = new ArrayList<>();
        int id = 1;
        for (List<String> pair : pairs) {
            contexts.add(new PresentationContext(id, pair.get(0), List.of(pair.get(1))));
            id += 2;
        }
        return DicomClient.open("127.0.0.1", port, DicomClient.request(callingAeTitle, calledAeTitle, contexts, MAX_PDU), TIMEOUTS,
                MAX_PDU, null);
    }

    /** Sends the instance's data set, byte for byte as its file holds it. */
    static StoreResult send(Association association, int messageId, Instance instance) throws IOException {
        return send(association, messageId, instance, DataSetWriter.fileRegion(instance.file(), Part10.dataSetOffset(instance.file())));
    }

    static StoreResult send(Association association, int messageId, Instance instance, DataSetWriter dataSet) throws IOException {
        int pc = association.contextFor(instance.sopClassUid(), instance.transferSyntaxUid());
        if (pc < 0) {
            throw new IllegalStateException("no accepted context for " + instance);
        }
        return DicomClient.store(association, pc, messageId, instance.sopClassUid(), instance.sopInstanceUid(), dataSet);
    }
}
