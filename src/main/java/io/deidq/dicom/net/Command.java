package io.deidq.dicom.net;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.dict.Tag;

/** A DIMSE command received (PS3.7 9.3, 9.1.2): its presentation context and command set. */
public record Command(int presentationContext, Dataset fields) {

    /** CommandDataSetType (0000,0800) 0101H says that no data set follows (PS3.7 E.1-1). */
    public static final int NO_DATA_SET = 0x0101;

    public int commandField() {
        return fields.getInt(Tag.CommandField, -1);
    }

    public boolean hasDataSet() {
        return fields.getInt(Tag.CommandDataSetType, NO_DATA_SET) != NO_DATA_SET;
    }

    public int messageId() {
        return fields.getInt(Tag.MessageID, -1);
    }
}
