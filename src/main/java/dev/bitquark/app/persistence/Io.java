package dev.bitquark.app.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file-system steps of an atomic save, one method per step, so that tests can make any single
 * step fail (EIO, ENOSPC, a short write) or stop dead (a crash) and check what a later load sees.
 * {@link #SYSTEM} is the real thing and the only implementation used outside tests. Implementations
 * must be thread-safe; {@link #SYSTEM} is stateless.
 */
interface Io {

    /** Creates {@code tmp}, which must not exist yet, for writing. */
    FileChannel create(Path tmp) throws IOException;

    /** One write call; may write fewer bytes than remain (the caller loops). */
    int write(FileChannel channel, ByteBuffer src) throws IOException;

    /** Makes the written data and the file's metadata durable. */
    void force(FileChannel channel) throws IOException;

    /** Makes {@code link} a second name of {@code existing} (or a durable copy where hard links are unsupported). */
    void link(Path link, Path existing) throws IOException;

    /** Atomically renames {@code from} to {@code to}, replacing {@code to}. */
    void move(Path from, Path to) throws IOException;

    /** Makes renames and creations in {@code dir} durable. */
    void syncDir(Path dir) throws IOException;

    /** As {@link #SYSTEM}, but new files are created rw------- (where POSIX permissions exist): for secrets. */
    Io OWNER_ONLY = new Forwarding() {
        @Override
        public FileChannel create(Path tmp) throws IOException {
            if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return SYSTEM.create(tmp);
            }
            return FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
    };

    /** {@link #SYSTEM} for every step not overridden: a variant changes only the steps it is about. */
    abstract class Forwarding implements Io {
        @Override
        public FileChannel create(Path tmp) throws IOException {
            return SYSTEM.create(tmp);
        }

        @Override
        public int write(FileChannel channel, ByteBuffer src) throws IOException {
            return SYSTEM.write(channel, src);
        }

        @Override
        public void force(FileChannel channel) throws IOException {
            SYSTEM.force(channel);
        }

        @Override
        public void link(Path link, Path existing) throws IOException {
            SYSTEM.link(link, existing);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            SYSTEM.move(from, to);
        }

        @Override
        public void syncDir(Path dir) throws IOException {
            SYSTEM.syncDir(dir);
        }
    }

    Io SYSTEM = new Io() {
        @Override
        public FileChannel create(Path tmp) throws IOException {
            return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @Override
        public int write(FileChannel channel, ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        public void force(FileChannel channel) throws IOException {
            channel.force(true);
        }

        @Override
        public void link(Path link, Path existing) throws IOException {
            try {
                Files.createLink(link, existing);
            } catch (UnsupportedOperationException | IOException e) {
                // FAT, some FUSE and SMB mounts have no hard links: a forced copy keeps the
                // same guarantee at the cost of one extra write of a small file.
                Files.deleteIfExists(link);
                Files.copy(existing, link);
                try (FileChannel ch = FileChannel.open(link, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void syncDir(Path dir) throws IOException {
            // Linux and macOS accept fsync on a directory opened for reading (Apache Lucene's
            // IOUtils.fsync(path, true) does the same). Windows refuses to open a directory;
            // NTFS journals renames, so there is nothing to do there.
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                if (!System.getProperty("os.name", "").startsWith("Windows")) {
                    throw e;
                }
            }
        }
    };
}
