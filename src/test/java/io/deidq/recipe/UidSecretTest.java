package io.deidq.recipe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UidSecretTest {

    @TempDir
    Path data;

    @Test
    void aConfiguredSecretIsUsedAsItIsAndNothingIsWritten() throws IOException {
        assertThat(UidSecret.resolve("sixteen bytes or more", data)).isEqualTo("sixteen bytes or more".getBytes(StandardCharsets.UTF_8));
        assertThat(data.resolve(UidSecret.FILE)).doesNotExist();
    }

    @Test
    void aConfiguredSecretTooShortIsRefusedWithItsLengthNotItsValue() {
        assertThatThrownBy(() -> UidSecret.resolve("short", data))
                .hasMessage("deidq.recipe.uid-secret is 5 bytes long; at least 16 are needed");
    }

    @Test
    void withoutOneASecretIsMadeOnceOwnerOnlyAndReadBackTheSame() throws IOException {
        byte[] first = UidSecret.resolve("", data);
        byte[] again = UidSecret.resolve(null, data);

        assertThat(first).hasSize(64).isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(UidSecret.FILE)))).isEqualTo("rw-------");
        assertThat(data).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".part"));
    }

    @Test
    void anotherDataDirectoryGetsAnotherSecret() throws IOException {
        assertThat(UidSecret.resolve(null, data.resolve("a"))).isNotEqualTo(UidSecret.resolve(null, data.resolve("b")));
    }
}
