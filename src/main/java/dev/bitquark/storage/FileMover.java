package dev.bitquark.storage;

import dev.bitquark.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moving a torrent's files to a new root and removing the directories its layout implies.
 * A move renames each file when source and target share a file system; otherwise it copies every
 * file, forces each copy to disk and only then deletes the originals. Either way a failure undoes
 * what was done, so the old copy stays complete and usable.
 *
 * <p>Stateless; the caller ({@link FileStorage}) excludes all other I/O of the torrent meanwhile.
 */
final class FileMover {
    private FileMover() {}

    /**
     * Moves the files; {@code jail} confines the target, {@code oldFolderReal} (the real path of the folder the old
     * root is in, or of the download folder; null if gone) the clean-up of the old folders.
     */
    static void move(Path jail, Path oldFolderReal, Path oldRoot, Path[] oldPaths, Path newRoot, Path[] newPaths,
                     boolean forceCopy, Set<Path> createdAtTarget, boolean oldRootCreated) throws StorageException {
        List<Integer> files = new ArrayList<>();
        for (int i = 0; i < oldPaths.length; i++) {
            if (oldPaths[i] == null) {
                continue; // padding: never on disk
            }
            BasicFileAttributes a = PathGuard.attributes(oldPaths[i], i);
            if (a == null) {
                continue; // not downloaded yet
            }
            if (a.isSymbolicLink()) {
                throw new StorageException(Kind.SYMLINK, i, oldPaths[i], "refusing to move a link we did not create");
            }
            if (!a.isRegularFile()) {
                throw new StorageException(Kind.PATH_CONFLICT, i, oldPaths[i], "not a regular file");
            }
            if (PathGuard.attributes(newPaths[i], i) != null) {
                throw new StorageException(Kind.PATH_CONFLICT, i, newPaths[i], "the move target already exists");
            }
            files.add(i);
        }
        try {
            for (int i : files) {
                PathGuard.ensureDirectories(jail, newRoot, newPaths[i].getParent(), i, createdAtTarget);
            }
            if (forceCopy || !renameAll(files, oldPaths, newPaths)) {
                copyAll(files, oldPaths, newPaths);
                for (int i : files) {
                    deleteQuietly(oldPaths[i]); // the copies are durable; a leftover original is harmless
                }
            }
        } catch (StorageException e) {
            removeCreated(createdAtTarget);
            throw e;
        }
        if (oldFolderReal != null) {
            removeEmptyDirectories(oldFolderReal, oldRoot, oldPaths, oldRootCreated, false);
        }
    }

    /** Renames every file; false (with nothing renamed) if the target is on another file system. */
    private static boolean renameAll(List<Integer> files, Path[] from, Path[] to) throws StorageException {
        List<Integer> done = new ArrayList<>();
        for (int i : files) {
            try {
                Files.move(from[i], to[i], StandardCopyOption.ATOMIC_MOVE);
                done.add(i);
            } catch (AtomicMoveNotSupportedException e) {
                rollBack(done, from, to, null);
                return false;
            } catch (IOException e) {
                StorageException failure = StorageException.classify(e, i, from[i], "rename to " + to[i]);
                rollBack(done, from, to, failure);
                throw failure;
            }
        }
        return true;
    }

    private static void rollBack(List<Integer> done, Path[] from, Path[] to, StorageException failure)
            throws StorageException {
        for (int k = done.size() - 1; k >= 0; k--) {
            int i = done.get(k);
            try {
                Files.move(to[i], from[i], StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                StorageException stuck = StorageException.classify(e, i, to[i], "moving back to " + from[i]);
                if (failure != null) {
                    failure.addSuppressed(stuck);
                } else {
                    throw stuck;
                }
            }
        }
    }

    private static void copyAll(List<Integer> files, Path[] from, Path[] to) throws StorageException {
        List<Path> copies = new ArrayList<>();
        for (int i : files) {
            try (FileChannel in = FileChannel.open(from[i], StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                    FileChannel out = FileChannel.open(to[i], StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                            LinkOption.NOFOLLOW_LINKS)) {
                copies.add(to[i]);
                long size = in.size();
                long pos = 0;
                while (pos < size) {
                    long n = in.transferTo(pos, size - pos, out);
                    if (n <= 0) {
                        throw new StorageException(Kind.IO, i, to[i], "copy made no progress at " + pos + " of " + size);
                    }
                    pos += n;
                }
                out.force(true);
            } catch (IOException e) {
                for (Path p : copies) {
                    deleteQuietly(p);
                }
                throw StorageException.classify(e, i, to[i], "copy from " + from[i]);
            }
        }
    }

    /**
     * Deletes, deepest first, the directories between the root and each file that are empty (never
     * a link, never a non-empty one, never one whose parent resolves outside {@code jailReal}, the real path of
     * the download folder); the root itself only if {@code includeRoot}.
     *
     * @param strict whether a failure other than "not empty" or "gone" is an error
     * @return the directories deleted
     */
    static List<Path> removeEmptyDirectories(Path jailReal, Path root, Path[] files, boolean includeRoot,
                                             boolean strict) throws StorageException {
        TreeSet<Path> dirs = new TreeSet<>(Comparator.comparingInt(Path::getNameCount).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (Path p : files) {
            if (p != null) {
                for (Path d = p.getParent(); d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
                    dirs.add(d);
                }
            }
        }
        if (includeRoot) {
            dirs.add(root);
        }
        List<Path> deleted = new ArrayList<>();
        for (Path d : dirs) {
            BasicFileAttributes a = PathGuard.attributes(d, -1);
            if (a == null || !a.isDirectory()) {
                continue; // gone, or a link or file we did not create
            }
            Path parent = d.getParent();
            if (parent == null || !PathGuard.realPath(parent, -1).startsWith(jailReal)) {
                continue; // reached through a link planted since: not ours
            }
            try {
                Files.delete(d);
                deleted.add(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                // holds something that is not the torrent's, or is gone: leave it
            } catch (IOException e) {
                if (strict) {
                    throw StorageException.classify(e, -1, d, "delete directory");
                }
            }
        }
        return deleted;
    }

    /**
     * A move of a torrent's files from {@code root} to {@code target} may go ahead: the target is inside
     * {@code fixedJail} (the download folder; null: no confinement, the target becomes the boundary), and so is the
     * old folder once links are resolved (moving takes its files out and cleans up its empty folders). Returns the
     * real path of the folder the clean-up stays inside, or null if it is gone.
     */
    static Path checkMove(Path fixedJail, Path root, Path target) throws StorageException {
        Path jail = fixedJail != null ? fixedJail : target;
        if (!target.startsWith(jail)) {
            throw new StorageException(StorageException.Kind.PATH_ESCAPE, -1, target,
                    "refusing to move outside the download folder " + jail);
        }
        Path oldFolder = fixedJail != null ? fixedJail : root.getParent();
        Path oldFolderReal = Files.isDirectory(oldFolder) ? PathGuard.realPath(oldFolder, -1) : null;
        if (fixedJail != null && oldFolderReal != null && Files.exists(root)) {
            PathGuard.checkInside(oldFolderReal, root, -1, "move the files out of " + root);
        }
        return oldFolderReal;
    }

    /**
     * Deletes the regular files among {@code paths} (missing ones, links and directories are not ours to delete),
     * after proving every one's folder still resolves inside {@code jailReal}: a link planted since would make this
     * delete someone else's files. Nothing is deleted if one is outside. Returns what was deleted.
     */
    static List<Path> deleteFiles(Path jailReal, Path[] paths) throws StorageException {
        List<Integer> files = new ArrayList<>();
        for (int i = 0; i < paths.length; i++) {
            BasicFileAttributes a = paths[i] == null ? null : PathGuard.attributes(paths[i], i);
            if (a != null && a.isRegularFile()) {
                PathGuard.checkInside(jailReal, paths[i].getParent(), i, "delete " + paths[i]);
                files.add(i);
            }
        }
        List<Path> deleted = new ArrayList<>();
        for (int i : files) {
            if (delete(paths[i], i)) {
                deleted.add(paths[i]);
            }
        }
        return deleted;
    }

    /** Deletes {@code file} (a file of the torrent, index {@code index}); false if it was gone already. */
    static boolean delete(Path file, int index) throws StorageException {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw StorageException.classify(e, index, file, "delete");
        }
    }

    private static void removeCreated(Set<Path> created) {
        List<Path> dirs = new ArrayList<>(created);
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d);
                created.remove(d);
            } catch (IOException e) {
                // not empty or unreadable: leave it
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: the caller keeps the authoritative copy
        }
    }

    /** The files a rename moved, in order, and what stopped it (null if every one moved). */
    record Renamed(List<Integer> moved, IOException failure) {
    }

    /**
     * Renames files inside one root, {@code from[f]} to {@code to[f]} for each of {@code files} that is on disk and
     * changes path. Every check runs before the first move: the new path is free, the old file is inside the jail,
     * the new folder is a real folder inside it (made if missing). A failed move stops the rest; folders left empty
     * go. {@code close} closes a file's handle before it moves.
     */
    static Renamed renameInside(Path jail, Path jailReal, Path root, Path[] from, Path[] to,
                                java.util.Collection<Integer> files, Set<Path> created,
                                java.util.function.IntConsumer close) throws StorageException {
        List<Integer> moving = new ArrayList<>();
        for (int f : files) {
            if (from[f] != null && !from[f].equals(to[f]) && PathGuard.attributes(from[f], f) != null) {
                if (PathGuard.attributes(to[f], f) != null) {
                    throw new StorageException(Kind.PATH_CONFLICT, f, to[f], "exists already");
                }
                moving.add(f);
            }
        }
        for (int f : moving) {
            PathGuard.checkInside(jailReal, from[f], f, "rename " + from[f]);
            PathGuard.ensureDirectories(jail, root, to[f].getParent(), f, created);
        }
        List<Integer> moved = new ArrayList<>();
        try {
            for (int f : moving) {
                close.accept(f);
                try {
                    Files.move(from[f], to[f], StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(from[f], to[f]);
                }
                moved.add(f);
            }
            return new Renamed(moved, null);
        } catch (IOException e) {
            return new Renamed(moved, e);
        } finally {
            removeEmptyDirectories(jailReal, root, moved.stream().map(f -> from[f]).toArray(Path[]::new), false, false);
        }
    }
}
