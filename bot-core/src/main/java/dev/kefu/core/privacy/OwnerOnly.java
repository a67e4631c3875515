package dev.kefu.core.privacy;

import dev.kefu.core.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Directories {@code rwx------} and files {@code rw-------}: what Kefu keeps (transcripts in the
 * embedded database, the unanswered questions, the knowledge journal, scripts, demo tokens) is
 * read by the server's own user only. On a file system without POSIX permissions (Windows) every
 * method still creates what it is asked to and leaves permissions to the operating system.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /**
     * {@code dir}, created if missing (its missing parents as usual), owner-only ({@code rwx------})
     * whether it was created now or existed.
     */
    public static Path directory(Path dir) throws IOException {
        Checks.requireNonNull("dir", dir);
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir);
        }
        restrict(dir);
        return dir;
    }

    /**
     * {@code file}, created empty if missing with owner-only permissions from its first moment (no
     * window in which another user could open it); an existing file is made owner-only.
     */
    public static Path file(Path file) throws IOException {
        Checks.requireNonNull("file", file);
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            restrict(file);
        }
        return file;
    }

    /**
     * Makes {@code root} and everything under it owner-only: group and others lose every
     * permission, the owner keeps theirs (a directory's owner gets {@code rwx}), so a data
     * directory pointed at by mistake loses nothing its owner needs. Symbolic links are neither
     * followed nor changed; nothing happens when {@code root} does not exist; files that vanish
     * meanwhile are skipped.
     */
    public static void restrictTree(Path root) throws IOException {
        Checks.requireNonNull("root", root);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path path : paths) {
            restrict(path);
        }
    }

    /**
     * Takes group's and others' permissions from one file or directory (a directory's owner gets
     * {@code rwx}); nothing for a link or a vanished file.
     */
    private static void restrict(Path path) throws IOException {
        PosixFileAttributeView view =
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null || Files.isSymbolicLink(path)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            permissions.addAll(view.readAttributes().permissions());
            permissions.retainAll(DIRECTORY); // the owner's, all of them
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                permissions.addAll(DIRECTORY);
            }
            view.setPermissions(permissions);
        } catch (NoSuchFileException e) {
            // removed since it was listed (a database's temporary file): nothing left to protect
        }
    }
}
