package io.deidq.dicom.net;

/** What a storage SCP answers a C-STORE: the status, and an error comment for anything but success. */
public record StoreResult(int status, String errorComment) {

    public static final StoreResult SUCCESS = new StoreResult(Status.SUCCESS, null);
}
