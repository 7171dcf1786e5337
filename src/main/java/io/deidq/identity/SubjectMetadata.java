package io.deidq.identity;

/** The optional metadata of a subject that the GSID API keeps (seed 001): each may be null. */
record SubjectMetadata(String sex, String diagnosis, Integer ageAtDiagnosis) {

    static final SubjectMetadata NONE = new SubjectMetadata(null, null, null);
}
