package io.deidq.identity;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PseudonymGeneratorTest {

    private final PseudonymGenerator generator = new PseudonymGenerator(new JitterRange(-30, 30));

    @Test
    void gsidsHaveTheSeedsFormSuidsAreShortAndAlphanumericSubjectIdsAreUuids() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(generator.gsid()).matches("GSID-[0-9A-HJKMNP-TV-Z]{16}");
            assertThat(generator.suid()).matches("[0-9A-HJKMNP-TV-Z]{16}");
            String subjectId = generator.subjectId();
            assertThat(UUID.fromString(subjectId)).hasToString(subjectId).extracting(UUID::version).isEqualTo(4);
        }
    }

    @Test
    void pseudonymsAreRandomNotDerived() {
        Set<String> gsids = new HashSet<>();
        Set<String> suids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            gsids.add(generator.gsid());
            suids.add(generator.suid());
        }
        assertThat(gsids).hasSize(10_000);
        assertThat(suids).hasSize(10_000);
        PseudonymGenerator other = new PseudonymGenerator(new JitterRange(-30, 30));
        assertThat(other.suid()).isNotIn(suids);
    }
}
