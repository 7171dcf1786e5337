package io.deidq.dicom.net;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where a storage SCP puts what it receives. {@link #store} reads the data set from the stream as
 * it arrives and answers with a status: failures of its own (a full disk, a database down) become
 * a failure status, not an exception; an exception is reserved for the connection failing under it
 * (the stream throws), after which the association is gone and no response is sent.
 */
public interface StoreHandler {

    StoreResult store(StoreRequest request, InputStream dataSet) throws IOException;

    /** The association is established; nothing has been stored over it yet. */
    default void opened(Association association) {
    }

    /** The association has ended: released by the peer when {@code released}, else aborted or failed. */
    default void closed(Association association, boolean released) {
    }
}
