package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.dict.UidRegistry;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces UIDs deterministically: HMAC-SHA256 of the UID under a secret, its first 16 bytes as
 * an unsigned integer, written under the root 2.25 (PS3.5 B.2). The same UID gives the same new
 * UID wherever it appears (a SOP Instance UID and the references to it), and without the secret
 * nobody can recompute the mapping. UIDs of the standard's registry (SOP classes, transfer
 * syntaxes, well-known frames of reference and coding schemes) name no patient and stay as they
 * are, so {@code REPLACE select:VR:UI func:remap_uid} keeps SOP Class UIDs.
 */
public final class UidRemapper implements RecipeFunction {

    /** The name recipes call it by: {@code func:remap_uid}. */
    public static final String NAME = "remap_uid";

    private static final int MIN_SECRET_BYTES = 16;
    private static final int UID_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    public UidRemapper(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the UID secret must hold at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    /** The new UID of {@code uid}; a UID of the standard's registry is its own. */
    public String remap(String uid) {
        if (UidRegistry.lookup(uid) != null) {
            return uid;
        }
        byte[] digest = mac().doFinal(uid.getBytes(StandardCharsets.UTF_8));
        return "2.25." + new BigInteger(1, Arrays.copyOf(digest, UID_BYTES));
    }

    /** Each value of the field remapped; empty values stay empty. */
    @Override
    public String apply(Dataset dataset, Element field, String value, Map<String, Object> vars) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String[] uids = value.split("\\\\", -1);
        for (int i = 0; i < uids.length; i++) {
            String uid = uids[i].strip();
            uids[i] = uid.isEmpty() ? uid : remap(uid);
        }
        return String.join("\\", uids);
    }

    /** A Mac of its own for each call: a Mac is not thread-safe, and one cleaner serves many threads. */
    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " of this Java runtime cannot be cloned", e);
        }
    }
}
