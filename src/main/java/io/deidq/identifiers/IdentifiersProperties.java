package io.deidq.identifiers;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * How identifiers are extracted, how the identity request is built from them, and what it is
 * validated against (config/README.md, "Identifiers", documents each). Every component may be
 * left out; the defaults are deid's and som's, except where the class comments of
 * {@link IdentifierExtractor}, {@link IdentityRequestBuilder} and {@link RequestValidator} say why not.
 *
 * @param entityKey              the field whose value keys the entities of ids[entity][item] (deid's entity_id)
 * @param itemKey                the field whose value keys the items (deid's item_id)
 * @param expandSequences        flatten sequences into Parent__Child names (deid's expand_sequences)
 * @param entityIdField          the field the request's entity id comes from
 * @param entityIdSource         the request's entity id_source
 * @param entityIdRemoveDashes   remove '-' from the entity id, as som's prepare_identifiers_request does
 * @param entityTimestampFields  the entity's id_timestamp: the first of these fields an image has
 * @param entityCustomFields     send custom fields with each entity (som's entity_custom_fields)
 * @param entityCustomFieldNames which fields; by default som's list of UIDs and patient identifiers
 * @param itemIdField            the field the request's item (study) id comes from
 * @param itemIdSource           the request's item id_source
 * @param itemTimestampFields    the item's id_timestamp: the first of these fields an image of the study has
 * @param itemCustomFields       send custom fields with each item (som's item_custom_fields)
 * @param itemCustomFieldNames   which fields
 * @param entitySources          the entity id_sources a request may carry
 * @param itemSources            the item id_sources a request may carry
 */
@ConfigurationProperties(prefix = "deidq.identifiers")
public record IdentifiersProperties(String entityKey, String itemKey, Boolean expandSequences,
                                    String entityIdField, String entityIdSource, Boolean entityIdRemoveDashes,
                                    List<String> entityTimestampFields, Boolean entityCustomFields,
                                    List<String> entityCustomFieldNames,
                                    String itemIdField, String itemIdSource, List<String> itemTimestampFields,
                                    Boolean itemCustomFields, List<String> itemCustomFieldNames,
                                    List<String> entitySources, List<String> itemSources) {

    /**
     * som's entity custom fields (som/api/identifiers/dicom/settings.py of August 2017, commits
     * 714e32f to c11308e): UIDs and patient identifiers. Names that are not top-level data set
     * keywords (file meta, sequences) never match anything in ids, as they never did in som.
     */
    public static final List<String> SOM_ENTITY_CUSTOM_FIELDS = List.of(
            "AccessionNumber", "AffectedSOPClassUID", "AffectedSOPInstanceUID", "AssertionUID",
            "CodingSchemeUID", "ConcatenationUID", "ContextGroupExtensionCreatorUID", "ContextUID",
            "CreatorVersionUID", "DeviceUID", "DigitalSignatureUID", "DimensionOrganizationUID",
            "DoseReferenceUID", "EncryptedContentTransferSyntaxUID", "FiducialUID", "FillerOrderNumberImagingServiceRequest",
            "FrameOfReferenceUID", "ImplementationClassUID", "InstanceCreatorUID", "IrradiationEventUID",
            "LargePaletteColorLookupTableUID", "MACCalculationTransferSyntaxUID", "MappingResourceUID", "MediaStorageSOPClassUID",
            "MediaStorageSOPInstanceUID", "MultiFrameSourceSOPInstanceUID", "ObservationUID", "OriginalSpecializedSOPClassUID",
            "OtherPatientIDs", "OtherPatientIDsSequence", "OtherPatientNames", "PaletteColorLookupTableUID",
            "PatientAddress", "PatientBirthDate", "PatientBirthName", "PatientID",
            "PatientMotherBirthName", "PatientName", "PatientTelephoneNumbers", "PresentationDisplayCollectionUID",
            "PresentationSequenceCollectionUID", "PrivateInformationCreatorUID", "PrivateRecordUID", "RadiopharmaceuticalAdministrationEventUID",
            "ReasonForStudyReferencedGeneralPurposeScheduledProcedureStepTransactionUID", "ReferencedAssertionUID",
            "ReferencedColorPaletteInstanceUID", "ReferencedDoseReferenceUID",
            "ReferencedFrameOfReferenceUID", "ReferencedSOPClassUID", "ReferencedSOPInstanceUID", "RelatedFrameOfReferenceUID",
            "RelatedGeneralSOPClassUID", "RequestedSOPClassUID", "RequestedSOPInstanceUID", "RetrieveLocationUID",
            "SOPClassUID", "SOPInstanceUID", "SeriesInstanceUID", "SourceFrameOfReferenceUID",
            "SpecimenUID", "StorageMediaFileSetUID", "StudyInstanceUID", "StudyID",
            "SynchronizationFrameOfReferenceUID", "TableFrameOfReferenceUID", "TargetFrameOfReferenceUID", "TargetUID",
            "TemplateExtensionCreatorUID", "TemplateExtensionOrganizationUID", "TrackingUID", "TransactionUID",
            "TransferSyntaxUID", "UID", "VolumeFrameOfReferenceUID", "VolumetricPresentationInputSetUID");

    /** som's identifier_sources (som/api/identifiers/standards.py). */
    public static final List<String> SOM_ENTITY_SOURCES = List.of("stanford", "Stanford MRN", "StanfordMRN");

    /**
     * som's item_sources, and "DCM Accession #": the item source sendit and som's own
     * prepare_identifiers_request send, which som's list forgot.
     */
    public static final List<String> SOM_ITEM_SOURCES = List.of("pacs", "Stanford PACS", "GE PACS",
            "GE PACS Accession Number", "Lab Result", "DCM Accession #");

    public IdentifiersProperties {
        entityKey = orElse(entityKey, "PatientID");
        itemKey = orElse(itemKey, "SOPInstanceUID");
        expandSequences = expandSequences == null || expandSequences;
        entityIdField = orElse(entityIdField, "PatientID");
        entityIdSource = orElse(entityIdSource, "Stanford MRN");
        entityIdRemoveDashes = entityIdRemoveDashes == null || entityIdRemoveDashes;
        entityTimestampFields = orElse(entityTimestampFields, List.of("PatientBirthDate"));
        entityCustomFields = entityCustomFields == null || entityCustomFields;
        entityCustomFieldNames = entityCustomFieldNames == null ? SOM_ENTITY_CUSTOM_FIELDS : List.copyOf(entityCustomFieldNames);
        itemIdField = orElse(itemIdField, "AccessionNumber");
        itemIdSource = orElse(itemIdSource, "DCM Accession #");
        itemTimestampFields = orElse(itemTimestampFields, List.of("StudyDate", "SeriesDate", "ContentDate", "AcquisitionDate"));
        itemCustomFields = itemCustomFields != null && itemCustomFields;
        itemCustomFieldNames = itemCustomFieldNames == null ? List.of("SeriesInstanceUID") : List.copyOf(itemCustomFieldNames);
        entitySources = orElse(entitySources, SOM_ENTITY_SOURCES);
        itemSources = orElse(itemSources, SOM_ITEM_SOURCES);
        if (!entitySources.contains(entityIdSource)) {
            throw new IllegalArgumentException("deidq.identifiers.entity-id-source '" + entityIdSource
                    + "' is not one of deidq.identifiers.entity-sources " + entitySources);
        }
        if (!itemSources.contains(itemIdSource)) {
            throw new IllegalArgumentException("deidq.identifiers.item-id-source '" + itemIdSource
                    + "' is not one of deidq.identifiers.item-sources " + itemSources);
        }
    }

    /** Every default: deid's keys, som's request, som's sources plus "DCM Accession #". */
    public static IdentifiersProperties defaults() {
        return new IdentifiersProperties(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static List<String> orElse(List<String> values, List<String> fallback) {
        return values == null || values.isEmpty() ? fallback : List.copyOf(values);
    }
}
