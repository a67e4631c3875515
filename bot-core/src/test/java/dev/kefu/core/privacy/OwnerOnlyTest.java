package dev.kefu.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(OS.WINDOWS)
class OwnerOnlyTest {
    @TempDir
    Path temp;

    @Test
    void should_create_a_directory_for_its_owner_only_when_it_is_missing() throws Exception {
        Path dir = OwnerOnly.directory(temp.resolve("a").resolve("data"));

        assertThat(permissions(dir)).isEqualTo("rwx------");
    }

    @Test
    void should_tighten_a_directory_when_it_existed_readable_by_others() throws Exception {
        Path dir = Files.createDirectory(
                temp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnerOnly.directory(dir);

        assertThat(permissions(dir)).isEqualTo("rwx------");
    }

    @Test
    void should_create_a_file_for_its_owner_only_and_tighten_an_existing_one() throws Exception {
        Path created = OwnerOnly.file(temp.resolve("new.txt"));
        Path existing = Files.writeString(temp.resolve("old.txt"), "kept", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnly.file(existing);

        assertThat(permissions(created)).isEqualTo("rw-------");
        assertThat(permissions(existing)).isEqualTo("rw-------");
        assertThat(Files.readString(existing, StandardCharsets.UTF_8)).isEqualTo("kept");
    }

    @Test
    void should_tighten_every_file_and_directory_under_a_root_but_no_link_target() throws Exception {
        Path root = Files.createDirectories(temp.resolve("data").resolve("knowledge"))
                .getParent();
        Path journal =
                Files.writeString(root.resolve("knowledge").resolve("journal.jsonl"), "{}", StandardCharsets.UTF_8);
        Path outside = Files.writeString(temp.resolve("outside.txt"), "x", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        for (Path path : new Path[] {root, root.resolve("knowledge")}) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-rw-rw-"));

        OwnerOnly.restrictTree(root);

        assertThat(permissions(root)).isEqualTo("rwx------");
        assertThat(permissions(root.resolve("knowledge"))).isEqualTo("rwx------");
        assertThat(permissions(journal)).isEqualTo("rw-------");
        assertThat(permissions(outside)).isEqualTo("rw-r--r--");
    }

    @Test
    void should_keep_the_owners_own_permissions_when_tightening_a_tree() throws Exception {
        Path script = Files.writeString(temp.resolve("run.sh"), "#!/bin/sh", StandardCharsets.UTF_8);
        Path readOnly = Files.writeString(temp.resolve("frozen.txt"), "x", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));

        OwnerOnly.restrictTree(temp);

        assertThat(permissions(script)).isEqualTo("rwx------");
        assertThat(permissions(readOnly)).isEqualTo("r--------");
    }

    @Test
    void should_do_nothing_when_the_root_does_not_exist() throws Exception {
        OwnerOnly.restrictTree(temp.resolve("missing"));

        assertThat(temp.resolve("missing")).doesNotExist();
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
