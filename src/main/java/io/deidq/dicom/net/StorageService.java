package io.deidq.dicom.net;

import io.deidq.dicom.dict.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The storage SCP's side of an established association (PS3.4 Annex A and B): answers C-ECHO,
 * hands each C-STORE's data set to a {@link StoreHandler} and answers with its status, and answers
 * any other command "unrecognized operation", until the peer releases or the association fails.
 */
public final class StorageService {

    private static final System.Logger LOG = System.getLogger(StorageService.class.getName());

    private final StoreHandler handler;

    public StorageService(StoreHandler handler) {
        this.handler = handler;
    }

    /** Serves the association until it ends; a released association returns normally. */
    public void serve(Association association) throws IOException {
        boolean released = false;
        handler.opened(association);
        try {
            Command command;
            while ((command = association.readCommand()) != null) {
                switch (command.commandField()) {
                    case Dimse.C_ECHO_RQ -> {
                        drain(association, command);
                        respond(association, command, StoreResult.SUCCESS);
                    }
                    case Dimse.C_STORE_RQ -> respond(association, command, store(association, command));
                    default -> {
                        drain(association, command);
                        respond(association, command, new StoreResult(Status.UNRECOGNIZED_OPERATION,
                                String.format("command field %04XH is not served here", command.commandField())));
                    }
                }
            }
            released = true;
        } finally {
            handler.closed(association, released);
        }
    }

    private StoreResult store(Association association, Command command) throws IOException {
        if (!command.hasDataSet()) {
            return new StoreResult(Status.CANNOT_UNDERSTAND, "C-STORE-RQ without a data set");
        }
        int pc = command.presentationContext();
        String sopClass = command.fields().getString(Tag.AffectedSOPClassUID);
        if (sopClass != null && !sopClass.equals(association.abstractSyntax(pc))) {
            drain(association, command);
            return new StoreResult(Status.SOP_CLASS_NOT_SUPPORTED, "not the SOP class negotiated on presentation context " + pc);
        }
        StoreRequest request = new StoreRequest(association, pc, sopClass,
                command.fields().getString(Tag.AffectedSOPInstanceUID),
                association.acceptedContext(pc).transferSyntax(),
                command.fields().getInt(Tag.Priority, Dimse.PRIORITY_MEDIUM),
                command.fields().getString(Tag.MoveOriginatorApplicationEntityTitle),
                command.fields().contains(Tag.MoveOriginatorMessageID) ? command.fields().getInt(Tag.MoveOriginatorMessageID, 0) : null);
        InputStream data = association.data();
        StoreResult result = handler.store(request, data);
        // Whatever the handler left unread is read and dropped, so that the next command lines up.
        data.transferTo(OutputStream.nullOutputStream());
        if (!Status.isSuccess(result.status())) {
            LOG.log(System.Logger.Level.INFO, "C-STORE over association {0} from {1} answered {2}: {3}",
                    association.id(), association.callingAeTitle(), Status.describe(result.status()), result.errorComment());
        }
        return result;
    }

    private static void drain(Association association, Command command) throws IOException {
        if (command.hasDataSet()) {
            association.data().transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void respond(Association association, Command command, StoreResult result) throws IOException {
        association.writeCommand(command.presentationContext(), Dimse.response(command, result.status(), result.errorComment()));
    }
}
