package io.deidq.identifiers;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ids as the pipeline keeps them (JSON in the database), and the settings as application.yml gives them. */
class IdentifiersPersistenceTest {

    @TempDir
    Path directory;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void idsReadBackFromJsonAreTheSameJsonAndGiveTheSameRequest() throws Exception {
        List<Path> files = List.of(
                DumpFiles.build(DumpFiles.resource("a1.dump"), "+te", directory.resolve("a1.dcm")),
                DumpFiles.build(DumpFiles.resource("b1.dump"), "+ti", directory.resolve("b1.dcm")));
        Identifiers ids = new IdentifierExtractor(IdentifiersProperties.defaults()).extract(files).ids();
        IdentityRequestBuilder builder = new IdentityRequestBuilder(Settings.with("item-custom-fields", "true",
                "item-custom-field-names", "SliceThickness,PixelSpacing,Rows,B1rms,ImageType"));

        String written = json.writeValueAsString(ids);
        Identifiers readBack = json.readValue(written, Identifiers.class);

        assertThat(json.writeValueAsString(readBack)).isEqualTo(written);
        assertThat(written).contains("\"Rows\":4", "\"PixelSpacing\":[0.5,0.5]", "\"ImageType\":[\"ORIGINAL\",\"PRIMARY\",\"AXIAL\"]",
                "\"PatientName\":\"Müller^Jürgen\"");
        assertThat(builder.prepare(readBack)).isEqualTo(builder.prepare(ids));
    }

    @Test
    void applicationYmlGivesTheDefaults() throws Exception {
        var sources = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));

        IdentifiersProperties bound = new Binder(ConfigurationPropertySources.from(sources))
                .bind("deidq.identifiers", IdentifiersProperties.class).get();

        assertThat(bound).isEqualTo(IdentifiersProperties.defaults());
        assertThat(bound.itemIdSource()).isEqualTo("DCM Accession #");
        assertThat(bound.entityCustomFieldNames()).hasSize(76).contains("PatientName", "StudyInstanceUID");
    }
}
