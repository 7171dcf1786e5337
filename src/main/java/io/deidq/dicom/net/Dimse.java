package io.deidq.dicom.net;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.dict.UID;

/** The command sets of C-ECHO and C-STORE (PS3.7 9.3.1 and 9.3.5), request and response. */
public final class Dimse {

    public static final int C_STORE_RQ = 0x0001;
    public static final int C_STORE_RSP = 0x8001;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_ECHO_RSP = 0x8030;

    public static final int PRIORITY_MEDIUM = 0x0000;
    public static final int PRIORITY_HIGH = 0x0001;
    public static final int PRIORITY_LOW = 0x0002;

    private Dimse() {
    }

    public static Dataset echoRequest(int messageId) {
        Dataset command = command(UID.VerificationSOPClass, C_ECHO_RQ, Command.NO_DATA_SET);
        command.putLong(Tag.MessageID, VR.US, messageId);
        return command;
    }

    public static Dataset storeRequest(int messageId, String sopClassUid, String sopInstanceUid, int priority,
                                       String moveOriginatorAeTitle, Integer moveOriginatorMessageId) {
        Dataset command = command(sopClassUid, C_STORE_RQ, 0x0000);
        command.putLong(Tag.MessageID, VR.US, messageId);
        command.putLong(Tag.Priority, VR.US, priority);
        command.putString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstanceUid);
        if (moveOriginatorAeTitle != null) {
            command.putString(Tag.MoveOriginatorApplicationEntityTitle, VR.AE, moveOriginatorAeTitle);
        }
        if (moveOriginatorMessageId != null) {
            command.putLong(Tag.MoveOriginatorMessageID, VR.US, moveOriginatorMessageId);
        }
        return command;
    }

    /**
     * The response to {@code request}: its SOP class and instance echoed, the status, and an Error
     * Comment (0000,0902, at most 64 characters) when one is given.
     */
    public static Dataset response(Command request, int status, String errorComment) {
        Dataset rq = request.fields();
        String sopClass = rq.getString(Tag.AffectedSOPClassUID);
        Dataset command = command(sopClass == null ? "" : sopClass, rq.getInt(Tag.CommandField, 0) | 0x8000, Command.NO_DATA_SET);
        command.putLong(Tag.MessageIDBeingRespondedTo, VR.US, request.messageId());
        command.putLong(Tag.Status, VR.US, status);
        String sopInstance = rq.getString(Tag.AffectedSOPInstanceUID);
        if (sopInstance != null) {
            command.putString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstance);
        }
        if (errorComment != null) {
            command.putString(Tag.ErrorComment, VR.LO, asciiComment(errorComment));
        }
        return command;
    }

    public static int status(Dataset response) {
        return response.getInt(Tag.Status, -1);
    }

    private static Dataset command(String sopClassUid, int commandField, int dataSetType) {
        Dataset command = new Dataset();
        command.putLong(Tag.CommandGroupLength, VR.UL, 0);
        command.putString(Tag.AffectedSOPClassUID, VR.UI, sopClassUid);
        command.putLong(Tag.CommandField, VR.US, commandField);
        command.putLong(Tag.CommandDataSetType, VR.US, dataSetType);
        return command;
    }

    /** LO holds 64 characters of the default repertoire: the comment is cut to that, other characters replaced. */
    private static String asciiComment(String comment) {
        StringBuilder text = new StringBuilder(Math.min(64, comment.length()));
        for (int i = 0; i < comment.length() && text.length() < 64; i++) {
            char c = comment.charAt(i);
            text.append(c >= 0x20 && c < 0x7F && c != '\\' ? c : '?');
        }
        return text.toString().strip();
    }
}
