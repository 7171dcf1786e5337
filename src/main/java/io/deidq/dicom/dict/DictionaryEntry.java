package io.deidq.dicom.dict;

import io.deidq.dicom.data.VR;

/**
 * What the data dictionary says of a tag. {@code vrs} lists the VRs the standard allows
 * (several for e.g. "US or SS"); {@code vr} is the one to assume when the encoding carries none
 * (implicit VR), or null for item and delimitation tags.
 */
public record DictionaryEntry(String keyword, String vrs, VR vr, String vm, boolean retired) {

    /** Whether the standard allows more than one VR here, so that implicit VR must choose. */
    public boolean ambiguousVR() {
        return vrs.indexOf('|') >= 0;
    }
}
