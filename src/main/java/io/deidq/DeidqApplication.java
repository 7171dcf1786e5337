package io.deidq;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The deidq service: every role in one Spring Boot application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeidqApplication {

    static void start(String[] args) {
        SpringApplication.run(DeidqApplication.class, args);
    }
}
