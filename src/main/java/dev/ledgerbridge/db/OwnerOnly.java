package dev.ledgerbridge.db;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that only the server's user may read: generated passwords, keys, backups, the outbox. Where the file system
 * has POSIX permissions (Linux, macOS) they are rw------- from the moment they exist; elsewhere (Windows) they keep
 * what their folder gives them, so the data folder's own permissions are what protects them there.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Restricts an existing file to its owner. */
    public static void restrict(Path file) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
        }
    }

    /** A new empty file, owner-only before anything is written to it; fails when it exists. */
    public static Path create(Path file) throws IOException {
        return Files.createFile(file, attributes());
    }

    /** A new empty temporary file in {@code dir} (null: the system's temp folder), owner-only from the start. */
    public static Path createTemp(Path dir, String prefix, String suffix) throws IOException {
        return dir == null ? Files.createTempFile(prefix, suffix, attributes())
                : Files.createTempFile(dir, prefix, suffix, attributes());
    }

    private static FileAttribute<?>[] attributes() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }
}
