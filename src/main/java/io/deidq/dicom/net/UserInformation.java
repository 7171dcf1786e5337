package io.deidq.dicom.net;

import java.util.List;

/**
 * The User Information item (PS3.7 Annex D, PS3.8 9.3.2.3): maximum length of the P-DATA-TF PDUs
 * this side receives (0: no limit), its implementation, the asynchronous operations window (null
 * when not negotiated) and role selections. Sub-items deidq does not know are skipped on reading.
 */
public record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName,
                              Integer maxOperationsInvoked, Integer maxOperationsPerformed, List<RoleSelection> roles) {

    public UserInformation {
        roles = List.copyOf(roles);
    }
}
