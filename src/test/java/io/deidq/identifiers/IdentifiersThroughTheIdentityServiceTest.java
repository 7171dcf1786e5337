package io.deidq.identifiers;

import io.deidq.DeidqApplication;
import io.deidq.identity.IdentityRequest;
import io.deidq.identity.IdentityService;
import io.deidq.testing.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps of the pipeline's identify stages in a row, as the running application has them: ids
 * extracted from dcmtk-made files, the request prepared from them, answered by the embedded
 * identity service and merged back. A patient without a birth date goes through as well.
 */
@SpringBootTest(classes = DeidqApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class IdentifiersThroughTheIdentityServiceTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.embedded(registry, dataDir.resolve("data"));
    }

    @Autowired
    IdentifierExtractor extractor;

    @Autowired
    IdentityRequestBuilder requests;

    @Autowired
    IdentityService identity;

    @Autowired
    ResponseMerger merger;

    @TempDir
    Path files;

    @Test
    void eachImageGetsItsPatientsPseudonymAndJitterAndItsStudysPseudonym() throws Exception {
        List<Path> images = new ArrayList<>();
        images.add(image("p1-s1-a", "MRN-1", "19610727", "ACC-1", "20100204", "1.2.826.0.1.3680043.9.7433.40.1"));
        images.add(image("p1-s1-b", "MRN-1", "19610727", "ACC-1", "20100204", "1.2.826.0.1.3680043.9.7433.40.2"));
        images.add(image("p1-s2", "MRN-1", "19610727", "ACC-2", "20120315", "1.2.826.0.1.3680043.9.7433.40.3"));
        images.add(image("p2-s3", "MRN-2", null, "ACC-3", "20200101", "1.2.826.0.1.3680043.9.7433.40.4"));

        Extraction extraction = extractor.extract(images);
        IdentityRequest request = requests.prepare(extraction.ids());
        Identifiers updated = merger.update(extraction.ids(), identity.identify("test", request));

        assertThat(request.identifiers()).extracting(IdentityRequest.Entity::id).containsExactlyInAnyOrder("MRN1", "MRN2");
        Map<String, Object> a = fields(updated, "MRN-1", "1.2.826.0.1.3680043.9.7433.40.1");
        Map<String, Object> b = fields(updated, "MRN-1", "1.2.826.0.1.3680043.9.7433.40.2");
        Map<String, Object> otherStudy = fields(updated, "MRN-1", "1.2.826.0.1.3680043.9.7433.40.3");
        Map<String, Object> otherPatient = fields(updated, "MRN-2", "1.2.826.0.1.3680043.9.7433.40.4");
        assertThat(a.get("entity_id")).isNotNull().isEqualTo(b.get("entity_id")).isEqualTo(otherStudy.get("entity_id"))
                .isNotEqualTo(otherPatient.get("entity_id"));
        assertThat(a.get("item_id")).isNotNull().isEqualTo(b.get("item_id")).isNotEqualTo(otherStudy.get("item_id"));
        assertThat(a.get("jitter")).isNotNull().isNotEqualTo(0).isEqualTo(otherStudy.get("jitter"));
        assertThat(a.get("entity_timestamp")).isNotNull();
        assertThat(otherPatient).as("no birth date: nothing to jitter").doesNotContainKey("entity_timestamp")
                .containsKeys("entity_id", "item_id", "item_timestamp", "jitter");
        assertThat(a.get("entity_id")).as("a pseudonym, not the MRN").isNotEqualTo("MRN-1").isNotEqualTo("MRN1");
    }

    private static Map<String, Object> fields(Identifiers ids, String entity, String item) {
        return ids.fields(entity, item);
    }

    private Path image(String name, String patientId, String birthDate, String accession, String studyDate, String sopInstanceUid)
            throws Exception {
        return DumpFiles.fromText(files, name, String.join("\n",
                "(0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]",
                "(0008,0018) UI [" + sopInstanceUid + "]",
                "(0008,0020) DA [" + studyDate + "]",
                "(0008,0050) SH [" + accession + "]",
                "(0010,0010) PN [Doe^" + name + "]",
                "(0010,0020) LO [" + patientId + "]",
                birthDate == null ? "(0010,0030) DA []" : "(0010,0030) DA [" + birthDate + "]",
                "(0020,000d) UI [1.2.826.0.1.3680043.9.7433.41." + Math.abs(accession.hashCode()) + "]",
                ""));
    }
}
