package io.deidq.identity;

/**
 * A subject (a patient) as the embedded service knows it: its ids and its pseudonyms. The suid is
 * what the pipeline writes into images; the GSID is what the GSID API answers. They are distinct on
 * purpose: the GSID API maps a GSID back to local identifiers, and nothing must map an image's
 * PatientID back to a patient.
 */
record Subject(String subjectId, String gsid, String suid, int jitterDays) {
}
