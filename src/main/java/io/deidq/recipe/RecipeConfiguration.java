package io.deidq.recipe;

import io.deidq.ConditionalOnRole;
import io.deidq.DeidqProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/** The clean stage of a worker: its recipes are loaded and checked at start-up, so that a bad one stops the process. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("worker")
public class RecipeConfiguration {

    @Bean
    CleaningSettings cleaningSettings(RecipeProperties recipe, DeidqProperties deidq) throws IOException {
        return recipe.settings(deidq.dataDir());
    }

    @Bean
    ImageCleaner imageCleaner(CleaningSettings settings) throws RecipeException {
        return new ImageCleaner(settings.rules());
    }
}
