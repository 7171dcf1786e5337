package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.dict.UID;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.deidq.recipe.Headers.humans;
import static io.deidq.recipe.Headers.item;
import static io.deidq.recipe.Headers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UidRemapperTest {

    private static final byte[] SECRET = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final UidRemapper remapper = new UidRemapper(SECRET);

    @Test
    void aUidBecomesTheHmacOfItUnderTheRoot225() {
        // python3: "2.25." + str(int.from_bytes(hmac.new(secret, uid.encode(), hashlib.sha256).digest()[:16], "big"))
        assertThat(remapper.remap("1.2.3")).isEqualTo("2.25.265779070829976282664916940014600137748");
        assertThat(remapper.remap("1.2.826.0.1.3680043.9.7.1.1")).isEqualTo("2.25.26858574186838682504796433785636074565");
        assertThat(new UidRemapper(SECRET).remap("1.2.3")).isEqualTo(remapper.remap("1.2.3"));
    }

    @Test
    void anotherSecretGivesAnotherUid() {
        assertThat(new UidRemapper("fedcba9876543210".getBytes(StandardCharsets.US_ASCII)).remap("1.2.3"))
                .isEqualTo("2.25.158994118515538042672470556451620363313");
    }

    @Test
    void everyNewUidIsAValidUidOfAtMost64Characters() {
        for (int i = 0; i < 2000; i++) {
            assertThat(remapper.remap("1.2.840.113619.2.55." + i)).matches("2\\.25\\.(0|[1-9]\\d*)").hasSizeLessThanOrEqualTo(44);
        }
    }

    @Test
    void uidsOfTheRegistryStay() {
        assertThat(remapper.remap(UID.CTImageStorage)).isEqualTo(UID.CTImageStorage);
        assertThat(remapper.remap(UID.LittleEndianExplicitTransferSyntax)).isEqualTo(UID.LittleEndianExplicitTransferSyntax);
        assertThat(remapper.remap("1.2.840.10008.1.4.1.1")).as("Talairach frame of reference").isEqualTo("1.2.840.10008.1.4.1.1");
        assertThat(remapper.remap("1.2.840.10008.2.16.4")).as("DCM coding scheme").isEqualTo("1.2.840.10008.2.16.4");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new UidRemapper(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachValueIsRemappedAndEmptyStaysEmpty() {
        assertThat(remapper.apply(null, null, "1.2.3\\" + UID.CTImageStorage, Map.of()))
                .isEqualTo("2.25.265779070829976282664916940014600137748\\" + UID.CTImageStorage);
        assertThat(remapper.apply(null, null, "", Map.of())).isEmpty();
    }

    @Test
    void referencesInNestedSequencesAreRemappedAsTheUidTheyReference() throws Exception {
        Dataset ds = humans();
        Dataset reference = new Dataset();
        reference.putString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
        reference.putString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.9.7.1.1");
        Dataset source = new Dataset();
        source.put(Headers.sequence(Tag.ReferencedSOPSequence, reference));
        ds.put(Headers.sequence(Tag.SourceImageSequence, source));
        new HeaderCleaner(Recipes.recipe("REPLACE select:VR:UI func:remap_uid"), Map.of(UidRemapper.NAME, remapper),
                new HeaderOptions(null, false)).clean(ds, Map.of());
        String remapped = "2.25.26858574186838682504796433785636074565";
        assertThat(text(ds, Tag.SOPInstanceUID)).isEqualTo(remapped);
        assertThat(text(ds, Tag.SOPClassUID)).isEqualTo(UID.CTImageStorage);
        Dataset nested = item(item(ds, Tag.SourceImageSequence, 0), Tag.ReferencedSOPSequence, 0);
        assertThat(text(nested, Tag.ReferencedSOPInstanceUID)).isEqualTo(remapped);
        assertThat(text(nested, Tag.ReferencedSOPClassUID)).isEqualTo(UID.CTImageStorage);
    }
}
