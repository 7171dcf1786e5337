package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.deidq.recipe.Headers.clean;
import static io.deidq.recipe.Headers.humans;
import static io.deidq.recipe.Headers.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 47 cases of deid's test_action_interaction.py (two actions on one field, reference 1.5),
 * each as its own row: the outcome deid's tests assert, on our own data set. ORIGINAL is the
 * value the field came with, REMOVED an absent field, an empty cell an empty value.
 */
class ActionInteractionTest {

    private static final String ORIGINAL = "ORIGINAL";
    private static final String REMOVED = "REMOVED";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            add_add_should_have_second_value                     | ADD PatientIdentityRemoved No      | ADD PatientIdentityRemoved Yes   | PatientIdentityRemoved | Yes
            add_blank_should_be_blank                            | ADD PregnancyStatus 1              | BLANK PregnancyStatus            | PregnancyStatus | ``
            add_jitter_should_combine                            | ADD StudyDate 20221128             | JITTER StudyDate 5               | StudyDate       | 20221203
            add_keep_should_have_add_value                       | ADD StudyDate 20221128             | KEEP StudyDate                   | StudyDate       | 20221128
            add_replace_should_have_replace_value                | ADD StudyDate 20221128             | REPLACE StudyDate 20221129       | StudyDate       | 20221129
            add_remove_should_be_removed                         | ADD StudyDate 20221128             | REMOVE StudyDate                 | StudyDate       | REMOVED
            blank_add_should_have_add_value                      | BLANK Manufacturer                 | ADD Manufacturer Testing         | Manufacturer    | Testing
            blank_blank_should_be_blank                          | BLANK Manufacturer                 | BLANK Manufacturer               | Manufacturer    | ``
            blank_jitter_should_be_blank                         | BLANK Manufacturer                 | JITTER Manufacturer 1            | Manufacturer    | ``
            blank_keep_should_be_original_value                  | BLANK Manufacturer                 | KEEP Manufacturer                | Manufacturer    | ORIGINAL
            blank_replace_should_be_replace_value                | BLANK Manufacturer                 | REPLACE Manufacturer Testing     | Manufacturer    | Testing
            blank_remove_should_be_removed                       | BLANK Manufacturer                 | REMOVE Manufacturer              | Manufacturer    | REMOVED
            jitter_add_should_have_add_value                     | JITTER StudyDate 1                 | ADD StudyDate 20221129           | StudyDate       | 20221129
            jitter_blank_should_be_blank                         | JITTER StudyDate 1                 | BLANK StudyDate                  | StudyDate       | ``
            jitter_jitter_should_combine                         | JITTER StudyDate 1                 | JITTER StudyDate 2               | StudyDate       | 20230104
            jitter_keep_should_be_original_value                 | JITTER StudyDate 1                 | KEEP StudyDate                   | StudyDate       | ORIGINAL
            jitter_replace_should_have_replace_value             | JITTER StudyDate 1                 | REPLACE StudyDate 20221129       | StudyDate       | 20221129
            jitter_remove_should_ignore_remove                   | JITTER StudyDate 1                 | REMOVE StudyDate                 | StudyDate       | 20230102
            keep_add_should_be_add_value                         | KEEP Manufacturer                  | ADD Manufacturer Testing         | Manufacturer    | Testing
            keep_blank_should_be_original_value                  | KEEP Manufacturer                  | BLANK Manufacturer               | Manufacturer    | ORIGINAL
            keep_jitter_should_be_original_value                 | KEEP StudyDate                     | JITTER StudyDate 1               | StudyDate       | ORIGINAL
            keep_keep_should_be_original_value                   | KEEP Manufacturer                  | KEEP Manufacturer                | Manufacturer    | ORIGINAL
            keep_replace_should_be_original_value                | KEEP Manufacturer                  | REPLACE Manufacturer Testing     | Manufacturer    | ORIGINAL
            keep_remove_should_be_original_value_1               | KEEP Manufacturer                  | REMOVE Manufacturer              | Manufacturer    | ORIGINAL
            keep_remove_should_be_original_value_2              | KEEP startswith:Manu               | REMOVE startswith:Manu           | Manufacturer    | ORIGINAL
            keep_remove_single_standard_tag_1                    | KEEP 00100010                      | REMOVE 00100010                  | PatientName     | ORIGINAL
            keep_remove_single_standard_tag_2                    | KEEP (0010,0010)                   | REMOVE (0010,0010)               | PatientName     | ORIGINAL
            keep_remove_single_private_tag_1                     | KEEP 0033101E                      | REMOVE 0033101E                  | 0033101E        | ORIGINAL
            keep_remove_single_private_tag_2                     | `KEEP (0033,"MITRA OBJECT UTF8 ATTRIBUTES 1.0",1E)` | `REMOVE (0033,"MITRA OBJECT UTF8 ATTRIBUTES 1.0",1E)` | 0033101E | ORIGINAL
            replace_add_should_have_add_value                    | REPLACE Manufacturer TestingReplace | ADD Manufacturer TestingAdd     | Manufacturer    | TestingAdd
            replace_blank_should_be_blank                        | REPLACE Manufacturer TestingReplace | BLANK Manufacturer              | Manufacturer    | ``
            private_tag_replace_blank_should_be_blank            | `REPLACE (0033,"MITRA OBJECT UTF8 ATTRIBUTES 1.0",1E) TestingReplace` | `BLANK (0033,"MITRA OBJECT UTF8 ATTRIBUTES 1.0",1E)` | 0033101E | ``
            replace_jitter_should_combine                        | REPLACE StudyDate 20221128         | JITTER StudyDate 5               | StudyDate       | 20221203
            private_tag_replace_jitter_should_combine            | `REPLACE (0029,"SIEMENS CSA HEADER",21) 20221128` | `JITTER (0029,"SIEMENS CSA HEADER",21) 5` | 00291021 | 20221203
            replace_keep_should_have_original_value              | REPLACE StudyDate 20221128         | KEEP StudyDate                   | StudyDate       | ORIGINAL
            replace_replace_should_have_second_replace_value     | REPLACE StudyDate 20221128         | REPLACE StudyDate 20221129       | StudyDate       | 20221129
            replace_remove_should_be_replace_value_1             | REPLACE StudyDate 20221128         | REMOVE StudyDate                 | StudyDate       | 20221128
            replace_remove_should_be_replace_value_2             | REPLACE startswith:StudyDat 20221128 | REMOVE startswith:StudyDat     | StudyDate       | 20221128
            replace_remove_should_be_replace_value_3             | `REPLACE (0033,"MITRA OBJECT UTF8 ATTRIBUTES 1.0",1E) Hello` | `REMOVE (0033,"MITRA OBJECT UTF8 ATTRIBUTES 1.0",1E)` | 0033101E | Hello
            remove_add_should_be_add_value                       | REMOVE Manufacturer                | ADD Manufacturer Testing         | Manufacturer    | Testing
            remove_blank_should_be_removed                       | REMOVE Manufacturer                | BLANK Manufacturer               | Manufacturer    | REMOVED
            remove_jitter_should_jittered_date                   | REMOVE StudyDate                   | JITTER StudyDate 1               | StudyDate       | 20230102
            remove_keep_should_be_original_value                 | REMOVE Manufacturer                | KEEP Manufacturer                | Manufacturer    | ORIGINAL
            remove_replace_should_be_replace_value               | REMOVE Manufacturer                | REPLACE Manufacturer Testing     | Manufacturer    | Testing
            remove_remove_should_remove                          | REMOVE Manufacturer                | REMOVE Manufacturer              | Manufacturer    | REMOVED
            """)
    void twoActionsOnOneField(String deidCase, String first, String second, String field, String expected) throws Exception {
        int tag = field.matches("[0-9A-F]{8}") ? (int) Long.parseLong(field, 16) : ElementDictionary.tagOf(field);
        Dataset before = humans();
        Dataset after = clean(humans(), first, second);
        String outcome = text(after, tag);
        switch (expected) {
            case REMOVED -> assertThat(after.contains(tag)).as("%s present", field).isFalse();
            case ORIGINAL -> assertThat(outcome).isEqualTo(text(before, tag)).isNotEmpty();
            default -> assertThat(outcome).isEqualTo(expected);
        }
        if (!expected.equals(REMOVED)) {
            assertThat(after.contains(tag)).as("%s present", field).isTrue();
        }
    }

    /** test_remove_parent_tag_replace_child_with_no_conflict: REPLACE of a child does not keep its sequence. */
    @Test
    void removingASequenceTakesTheChildThatAReplaceNames() throws Exception {
        Dataset ds = clean(humans(), "REMOVE (0032,1064)", "REPLACE (0008,0104) Anonymized");
        assertThat(ds.contains(Tag.RequestedProcedureCodeSequence)).isFalse();
        Dataset request = Headers.item(ds, Tag.RequestAttributesSequence, 0);
        assertThat(request.contains(Tag.RequestedProcedureCodeSequence)).isFalse();
        assertThat(text(request, Tag.RequestedProcedureID)).isEqualTo("RP-77");
    }

    /** test_blank_parent_tag_remove_child_with_no_conflict: a blanked sequence keeps no item for the child. */
    @Test
    void blankingASequenceLeavesItWithoutItems() throws Exception {
        Dataset ds = clean(humans(), "BLANK (0032,1064)", "REPLACE (0008,0104) Anonymized");
        assertThat(ds.get(Tag.RequestedProcedureCodeSequence).sequence().size()).isZero();
        Dataset request = Headers.item(ds, Tag.RequestAttributesSequence, 0);
        assertThat(request.get(Tag.RequestedProcedureCodeSequence).sequence().size()).isZero();
    }
}
