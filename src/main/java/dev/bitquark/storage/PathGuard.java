package dev.bitquark.storage;

import dev.bitquark.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps every file access of a torrent inside its root, and every write inside its confinement folder (the
 * download folder). Paths come from a remote party (the metainfo), so, although the metainfo layer sanitizes
 * them, they are checked again here: each component must be a plain name, and the resolved path is proven
 * lexically inside the root.
 *
 * <p>Writes (creating folders and files, moving, deleting) are checked again at the time of use, after symbolic
 * links are resolved: the folders between the confinement folder and the torrent's root (chosen by the user) may be
 * links only if they resolve inside the confinement folder; below the root (names from the metainfo) no component
 * may be a link at all, and files are opened with {@code O_NOFOLLOW}. A link planted there (by another torrent, a
 * user, a compromised container) would otherwise redirect our writes, moves and deletes anywhere on the disk. Java
 * has no {@code openat}, so a folder swapped for a link between the check and the open is not caught; after the
 * folders are made, their real path is checked once more, which narrows that window to a few system calls.
 *
 * <p>Stateless apart from the caller-supplied set of created directories; thread-safe.
 */
final class PathGuard {
    private PathGuard() {}

    /** The absolute, normalized form of a root directory. */
    static Path normalizeRoot(Path root) {
        return root.toAbsolutePath().normalize();
    }

    /**
     * Resolves every non-padding file of the layout under {@code root}, proving each inside it and
     * refusing two files with one path or a file where another needs a directory. Padding files
     * (BEP 47) are never on disk; their slot is null.
     */
    static Path[] resolveAll(Path root, StorageLayout layout) throws StorageException {
        Path[] out = new Path[layout.fileCount()];
        Set<Path> files = new HashSet<>();
        Set<Path> dirs = new HashSet<>();
        for (StorageFile f : layout.files()) {
            if (f.padding()) {
                continue;
            }
            Path p = resolve(root, f);
            if (!files.add(p)) {
                throw new StorageException(Kind.PATH_CONFLICT, f.index(), p, "two files have the path " + f.displayPath());
            }
            for (Path d = p.getParent(); d != null && !d.equals(root); d = d.getParent()) {
                dirs.add(d);
            }
            out[f.index()] = p;
        }
        for (Path p : files) {
            if (dirs.contains(p)) {
                throw new StorageException(Kind.PATH_CONFLICT, -1, p, "a file path is also the directory of another file");
            }
        }
        return out;
    }

    /** Resolves one file under the root, rejecting any component that is not a plain name. */
    static Path resolve(Path root, StorageFile f) throws StorageException {
        Path p = root;
        List<String> components = f.path();
        for (int i = 0; i < components.size(); i++) {
            String c = components.get(i);
            if (c.isEmpty() || c.equals(".") || c.equals("..") || c.indexOf('/') >= 0 || c.indexOf('\\') >= 0
                    || c.indexOf('\0') >= 0) {
                throw new StorageException(Kind.PATH_ESCAPE, f.index(), null,
                        "path component " + i + " of " + f.displayPath() + " is not a plain file name: '" + c + "'");
            }
            try {
                p = p.resolve(c);
            } catch (RuntimeException e) { // InvalidPathException: a name this file system cannot hold
                throw new StorageException(Kind.PATH_ESCAPE, f.index(), null,
                        "path component " + i + " of " + f.displayPath() + " is invalid here: " + e.getMessage());
            }
        }
        Path normalized = p.normalize();
        if (!normalized.startsWith(root) || normalized.equals(root)) {
            throw new StorageException(Kind.PATH_ESCAPE, f.index(), normalized,
                    "path " + f.displayPath() + " leaves the root " + root);
        }
        return normalized;
    }

    /**
     * Opens {@code file} for reading and writing, creating it (sparse, no preallocation) and its
     * missing parent directories; each directory created is added to {@code created}.
     */
    static FileChannel openForWrite(Path jail, Path root, Path file, int index, Set<Path> created)
            throws StorageException {
        ensureDirectories(jail, root, file.getParent(), index, created);
        BasicFileAttributes a = attributes(file, index);
        if (a != null && a.isSymbolicLink()) {
            throw new StorageException(Kind.SYMLINK, index, file, "refusing to write through a symbolic link");
        }
        if (a != null && !a.isRegularFile()) {
            throw new StorageException(Kind.PATH_CONFLICT, index, file, "not a regular file");
        }
        try {
            // NOFOLLOW_LINKS (O_NOFOLLOW) closes the gap if a link appears after the check above.
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, StandardOpenOption.SPARSE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw StorageException.classify(e, index, file, "open for writing");
        }
    }

    /**
     * Makes sure {@code dir} (the root or below it) is a directory inside the confinement folder {@code jail},
     * creating what is missing. The confinement folder is the user's and is created if missing. Folders between
     * it and the root may be symbolic links that resolve inside it; below the root, none may be a link.
     */
    static void ensureDirectories(Path jail, Path root, Path dir, int index, Set<Path> created)
            throws StorageException {
        Path jailReal = jailReal(jail, index, created);
        if (!dir.startsWith(jail) || !root.startsWith(jail)) {
            throw new StorageException(Kind.PATH_ESCAPE, index, dir, "refusing to write outside the download folder "
                    + jail);
        }
        Path d = jail;
        for (Path name : jail.relativize(dir)) {
            if (name.toString().isEmpty()) {
                continue; // dir is the jail itself
            }
            d = d.resolve(name);
            BasicFileAttributes a = attributes(d, index);
            if (a == null) {
                try {
                    Files.createDirectory(d);
                    created.add(d);
                    continue;
                } catch (FileAlreadyExistsException raced) {
                    a = attributes(d, index); // another disk worker created it; check what is there now
                } catch (IOException e) {
                    throw StorageException.classify(e, index, d, "create directory");
                }
            }
            if (a == null) {
                throw new StorageException(Kind.IO, index, d, "directory vanished while being created");
            }
            if (a.isSymbolicLink()) {
                if (d.startsWith(root) && !d.equals(root)) {
                    throw new StorageException(Kind.SYMLINK, index, d, "refusing a directory that is a symbolic link");
                }
                Path target = realPath(d, index);
                if (!target.startsWith(jailReal)) {
                    throw new StorageException(Kind.PATH_ESCAPE, index, d, "is a symbolic link to " + target
                            + ", outside the download folder " + jailReal);
                }
                if (!Files.isDirectory(target)) {
                    throw new StorageException(Kind.PATH_CONFLICT, index, d, "not a directory");
                }
            } else if (!a.isDirectory()) {
                throw new StorageException(Kind.PATH_CONFLICT, index, d, "not a directory");
            }
        }
        checkInside(jailReal, dir, index, "write");
    }

    /**
     * The real path of the confinement folder, creating it if missing (it is the user's choice and may itself
     * be a link).
     */
    static Path jailReal(Path jail, int index, Set<Path> created) throws StorageException {
        try {
            if (!Files.isDirectory(jail)) {
                // Create first, then judge: a check before creating races with another disk worker
                // creating the folder at the same moment (it then "exists" without being ours to refuse).
                try {
                    Files.createDirectories(jail);
                } catch (FileAlreadyExistsException e) {
                    throw new StorageException(Kind.PATH_CONFLICT, index, jail, "the download folder is not a directory");
                }
                created.add(jail);
            }
        } catch (IOException e) {
            throw StorageException.classify(e, index, jail, "create the download folder");
        }
        return realPath(jail, index);
    }

    /**
     * Proves that the existing {@code path} resolves, with every link followed, inside {@code jailReal} (a real
     * path); {@code action} names what was about to happen, for the message.
     */
    static void checkInside(Path jailReal, Path path, int index, String action) throws StorageException {
        Path real = realPath(path, index);
        if (!real.startsWith(jailReal)) {
            throw new StorageException(Kind.PATH_ESCAPE, index, path, "refusing to " + action + ": " + path
                    + " resolves to " + real + ", outside the download folder " + jailReal);
        }
    }

    /** The real path of an existing {@code path} (every link followed). */
    static Path realPath(Path path, int index) throws StorageException {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw StorageException.classify(e, index, path, "resolve links");
        }
    }

    /** Attributes of {@code p} itself (links not followed), or null if nothing is there. */
    static BasicFileAttributes attributes(Path p, int index) throws StorageException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw StorageException.classify(e, index, p, "stat");
        }
    }
}
