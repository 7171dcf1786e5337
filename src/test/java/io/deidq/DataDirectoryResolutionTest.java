package io.deidq;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryResolutionTest {

    @Test
    void aRelativeDataDirectoryBecomesAbsoluteAndSoDoesTheDatabaseUrlBuiltFromIt() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("test", Map.of("deidq.data-dir", "data2/../data3",
                "spring.datasource.url", "jdbc:h2:file:${deidq.data-dir}/db/deidq")));

        new DataDirectoryResolution().postProcessEnvironment(environment, null);

        String absolute = Path.of("data3").toAbsolutePath().toString();
        assertThat(environment.getProperty("deidq.data-dir")).isEqualTo(absolute);
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:file:" + absolute + "/db/deidq");
    }

    @Test
    void anAbsoluteDataDirectoryStaysAsItIs() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("test", Map.of("deidq.data-dir", "/srv/deidq")));

        new DataDirectoryResolution().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("deidq.data-dir")).isEqualTo("/srv/deidq");
    }
}
