package dev.ledgerbridge.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS file lock on {@code <data-dir>/ledgerbridge.lock}, held for as long as a process uses the
 * embedded database, so a second process (a command while the server runs) is told so instead of corrupting it.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws {@link DatabaseInUseException} naming the process that holds it. */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve("ledgerbridge.lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                ch.close();
                throw new DatabaseInUseException("The embedded database in " + dataDir + " is in use by a running"
                        + " Ledgerbridge server" + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + ". Stop the server first, then run this command again.");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new DataDirLock(ch, l);
        } catch (IOException e) {
            throw new DatabaseException("cannot lock the data dir " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Whether a process (this one or another) holds the lock of {@code dataDir} now. */
    public static boolean held(Path dataDir) {
        Path file = dataDir.resolve("ledgerbridge.lock");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // released by the OS when the process ends
        }
    }
}
