package dev.bitquark.storage;

import dev.bitquark.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.Lock;

/**
 * {@link PieceStorage} on plain files below one root directory, the layout of the metainfo
 * (BEP 3 multi-file mode): piece ranges are mapped onto files by a binary search over file
 * offsets and split where they cross a file boundary.
 *
 * <ul>
 *   <li>Files are created lazily on their first write, sparse, never preallocated; their parent
 *       directories are created too and remembered (a delete removes them when empty).
 *   <li>BEP 47 padding files are never created: writes into them are dropped, reads give zeros.
 *   <li>Skipped files ({@link #setSkipped}) are never created either: their bytes that share a piece with a
 *       wanted file go to a hidden part file in the root ({@link PartFile}) and move into the real file if it
 *       becomes wanted ({@link #unskip}). A file skipped when it already holds data stays where it is, unless
 *       the caller says nothing of its own is worth keeping ({@link #skip}), as libtorrent does.
 *   <li>Every path is proven inside the root, and writes refuse any symbolic link below the root
 *       (see {@link PathGuard}). Reads follow links: users link existing data into a torrent's
 *       folder to seed it, and the engine only serves pieces whose hash it verified.
 *   <li>At most {@code maxOpenFiles} channels stay open (least recently used are closed); a file
 *       is opened read-only until written, and again read-only once {@link #setFileComplete marked complete}.
 *       Closing an evicted handle does not force its data; the file is remembered and forced by
 *       the next {@link #sync} that names it (or {@link #flush}), so eviction costs no disk flush.
 *   <li>All I/O is positional ({@code FileChannel.read/write(buffer, position)}), never via the
 *       channel's shared position, and every write is checked to make progress.
 * </ul>
 *
 * <p><b>Threading:</b> blocking; call from a disk worker, never from an event loop. Thread-safe:
 * any number of disk workers may read and write concurrently (also to one file: positional I/O on
 * one channel is safe); {@link #moveTo}, {@link #deleteFiles} and {@link #close} wait for running
 * operations and exclude new ones. Buffers passed in are used only during the call.
 */
public final class FileStorage implements PieceStorage {
    public static final int DEFAULT_MAX_OPEN_FILES = 128;
    /** The part file's name when none is given (the engine names it after the info-hash, as libtorrent does). */
    public static final String DEFAULT_PART_FILE = ".bitquark.parts";
    /** Zeros for padding reads. A heap array: a static direct buffer cannot live in a native image. */
    private static final byte[] ZEROS = new byte[16 * 1024];

    private volatile StorageLayout layout;
    private final PayloadMap map;
    private final HandleCache handles;
    /** Readers are the block operations; the writer is a lifecycle change (move, delete, close). */
    private final LifecycleLock lifecycle = new LifecycleLock();
    private final Set<Path> createdDirectories = ConcurrentHashMap.newKeySet();
    private final AtomicIntegerArray complete;
    private final HandleCache.Opener opener = this::open;
    private final FileSync sync; // written data not forced yet, and forcing it
    private final PartFile partFile;
    private final SkippedFiles skipped; // skipped files kept in the part file, and the moves of their bytes
    /** The folder every write stays inside, links resolved ({@link PathGuard}); null: the root, wherever it moves. */
    private final Path fixedJail;
    private volatile Path root;
    private volatile Path[] paths;

    /** Storage below {@code root} with {@value #DEFAULT_MAX_OPEN_FILES} open files at most. */
    public FileStorage(Path root, StorageLayout layout) throws StorageException {
        this(root, layout, DEFAULT_MAX_OPEN_FILES);
    }

    /** Storage below {@code root}, whose writes are confined to the root itself (wherever it is moved). */
    public FileStorage(Path root, StorageLayout layout, int maxOpenFiles) throws StorageException {
        this(root, layout, maxOpenFiles, null);
    }

    /** As the 5-argument constructor, with the part file {@value #DEFAULT_PART_FILE}. */
    public FileStorage(Path root, StorageLayout layout, int maxOpenFiles, Path jail) throws StorageException {
        this(root, layout, maxOpenFiles, jail, DEFAULT_PART_FILE);
    }

    /**
     * Storage below {@code root}; touches no file yet. Every write, move and delete stays inside {@code jail} (the
     * download folder; null: the root, wherever it moves) once links are resolved, checked when it happens.
     *
     * @throws StorageException {@link Kind#PATH_ESCAPE} or {@link Kind#PATH_CONFLICT} if a file path
     *     is not a plain path inside the root
     */
    public FileStorage(Path root, StorageLayout layout, int maxOpenFiles, Path jail, String partFileName)
            throws StorageException {
        this.layout = layout;
        this.map = new PayloadMap(layout);
        this.fixedJail = jail == null ? null : PathGuard.normalizeRoot(jail);
        this.root = PathGuard.normalizeRoot(root);
        this.paths = PathGuard.resolveAll(this.root, layout);
        this.complete = new AtomicIntegerArray(layout.fileCount());
        this.partFile = PartFile.in(this.root, partFileName, layout.geometry());
        this.skipped = new SkippedFiles(layout, map, partFile, this::filesOfPiece);
        this.sync = new FileSync(f -> paths[f]);
        this.handles = new HandleCache(maxOpenFiles, sync);
        sync.use(handles);
    }

    @Override
    public StorageLayout layout() {
        return layout;
    }

    @Override
    public Path root() {
        return root;
    }

    /** Absolute path of a (non-padding) file; null for padding files. */
    public Path path(int fileIndex) {
        layout.file(fileIndex);
        return paths[fileIndex];
    }

    /** The cache of open channels (open, writable and opened-so-far counts, for tests). */
    HandleCache handles() {
        return handles;
    }

    /** Directories this instance created (removed again when empty with the files). */
    Set<Path> createdDirectories() {
        return Set.copyOf(createdDirectories);
    }

    /** One run of a block inside one file; the buffer's limit is set to the run while it is called. */
    private interface Span {
        void apply(int file, int piece, long inFile, int inPiece, ByteBuffer buf) throws StorageException;
    }

    /** Walks the files a block covers (binary search for the first), under the read side of the lifecycle lock. */
    private void eachSpan(int piece, int begin, int length, ByteBuffer buf, Span op) throws StorageException {
        long pos = map.payloadOffset(piece, begin, length);
        long pieceStart = layout.geometry().pieceOffset(piece);
        Lock lock = lifecycle.readLock();
        lock.lock();
        int limit = buf.limit();
        try {
            lifecycle.checkOpen();
            int remaining = length;
            for (int f = remaining > 0 ? map.fileAt(pos) : 0; remaining > 0; f++) {
                long inFile = pos - map.start(f);
                int n = (int) Math.min(remaining, map.length(f) - inFile);
                if (n <= 0) {
                    continue; // an empty file at this offset
                }
                buf.limit(buf.position() + n);
                op.apply(f, piece, inFile, (int) (pos - pieceStart), buf);
                buf.limit(limit);
                pos += n;
                remaining -= n;
            }
        } finally {
            buf.limit(limit);
            lock.unlock();
        }
    }

    @Override
    public void writeBlock(int piece, int begin, ByteBuffer src) throws StorageException {
        eachSpan(piece, begin, src.remaining(), src, this::writeSpan);
    }

    private void writeSpan(int f, int piece, long inFile, int inPiece, ByteBuffer src) throws StorageException {
        if (map.isPadding(f)) {
            src.position(src.limit()); // BEP 47: padding is never stored
        } else if (skipped.contains(f)) {
            writeToPart(f, piece, inPiece, src);
        } else {
            writeToFile(f, inFile, src);
        }
    }

    /** A skipped file's bytes of a piece: into the part file, in the (confined) root. */
    private void writeToPart(int f, int piece, int offsetInPiece, ByteBuffer src) throws StorageException {
        PathGuard.ensureDirectories(jail(), root, root, f, createdDirectories);
        partFile.write(piece, offsetInPiece, src);
    }

    private void writeToFile(int f, long position, ByteBuffer src) throws StorageException {
        if (complete.get(f) != 0) {
            throw new StorageException(Kind.READ_ONLY, f, paths[f], "file is marked complete");
        }
        HandleCache.Handle h = handles.acquire(f, true, opener);
        long p = position;
        try {
            while (src.hasRemaining()) {
                int written = h.channel.write(src, p);
                if (written <= 0) {
                    throw new StorageException(Kind.IO, f, paths[f],
                            "short write: no progress with " + src.remaining() + " bytes left at " + p);
                }
                p += written;
            }
        } catch (IOException e) {
            throw StorageException.classify(e, f, paths[f], "write at " + p);
        } finally {
            h.dirty = true; // after the write, so a concurrent sync that cleared the flag sees it again
            handles.release(h);
        }
    }

    @Override
    public void readBlock(int piece, int begin, int length, ByteBuffer dst) throws StorageException {
        if (dst.remaining() < length) {
            map.payloadOffset(piece, begin, length); // a range outside the piece is the first thing to report
            throw new IllegalArgumentException("buffer has room for " + dst.remaining() + " of " + length + " bytes");
        }
        eachSpan(piece, begin, length, dst, this::readSpan);
    }

    private void readSpan(int f, int piece, long inFile, int inPiece, ByteBuffer dst) throws StorageException {
        if (map.isPadding(f)) {
            putZeros(dst);
        } else if (skipped.contains(f)) {
            partFile.read(piece, inPiece, dst);
        } else {
            readFromFile(f, inFile, dst);
        }
    }

    private void readFromFile(int f, long position, ByteBuffer dst) throws StorageException {
        HandleCache.Handle h = handles.acquire(f, false, opener);
        long p = position;
        try {
            while (dst.hasRemaining()) {
                int read = h.channel.read(dst, p);
                if (read < 0) {
                    throw new StorageException(Kind.SHORT_FILE, f, paths[f],
                            "file ends at " + p + ", " + dst.remaining() + " more bytes expected");
                }
                if (read == 0) {
                    throw new StorageException(Kind.IO, f, paths[f], "read made no progress at " + p);
                }
                p += read;
            }
        } catch (IOException e) {
            throw StorageException.classify(e, f, paths[f], "read at " + p);
        } finally {
            handles.release(h);
        }
    }

    private static void putZeros(ByteBuffer dst) {
        while (dst.hasRemaining()) {
            dst.put(ZEROS, 0, Math.min(ZEROS.length, dst.remaining()));
        }
    }

    /** {@inheritDoc} Null when some of the range is in the part file (read it instead). */
    @Override
    public List<FileRegion> regions(int piece, int begin, int length) {
        long pos = map.payloadOffset(piece, begin, length);
        Path[] current = paths;
        List<FileRegion> out = new ArrayList<>(2);
        int remaining = length;
        for (int f = remaining > 0 ? map.fileAt(pos) : 0; remaining > 0; f++) {
            long inFile = pos - map.start(f);
            int n = (int) Math.min(remaining, map.length(f) - inFile);
            if (n <= 0) {
                continue;
            }
            if (!map.isPadding(f) && skipped.contains(f)) {
                return null;
            }
            out.add(map.isPadding(f) ? FileRegion.zeros(n) : new FileRegion(current[f], inFile, n));
            pos += n;
            remaining -= n;
        }
        return out;
    }

    @Override
    public int[] filesOfPiece(int piece) {
        int size = layout.geometry().pieceSize(piece);
        long pos = layout.geometry().pieceOffset(piece);
        long end = pos + size;
        int first = map.fileAt(pos);
        int last = map.fileAt(end - 1);
        int[] tmp = new int[last - first + 1];
        int n = 0;
        for (int f = first; f <= last; f++) {
            if (!map.isPadding(f) && map.length(f) > 0) {
                tmp[n++] = f;
            }
        }
        return java.util.Arrays.copyOf(tmp, n);
    }

    @Override
    public void setFileComplete(int fileIndex) throws StorageException {
        layout.file(fileIndex);
        sync(Set.of(fileIndex)); // its data must be durable before the handle goes read-only
        complete.set(fileIndex, 1);
        handles.retireWritable(fileIndex);
    }

    @Override
    public void setFileIncomplete(int fileIndex) {
        layout.file(fileIndex);
        complete.set(fileIndex, 0);
    }

    @Override
    public void sync(Set<Integer> fileIndexes) throws StorageException {
        lifecycle.shared(() -> {
            for (int f : new TreeSet<>(fileIndexes)) {
                syncFile(f);
            }
        });
    }

    private void syncFile(int f) throws StorageException {
        layout.file(f);
        if (skipped.contains(f)) {
            partFile.sync();
        } else {
            sync.sync(f);
        }
    }

    @Override
    public void flush() throws StorageException {
        sync(sync.pending());
        partFile.sync();
    }

    @Override
    public long fileLength(int fileIndex) throws StorageException {
        StorageFile file = layout.file(fileIndex);
        if (file.padding()) {
            return file.length();
        }
        if (skipped.contains(fileIndex)) {
            // Read from the part file as from a sparse file of full length (bytes never written are zeros).
            return partFile.exists() ? file.length() : -1;
        }
        BasicFileAttributes a = stat(fileIndex);
        if (a != null && !a.isRegularFile()) {
            throw new StorageException(Kind.PATH_CONFLICT, fileIndex, paths[fileIndex], "not a regular file");
        }
        return a == null ? -1 : a.size();
    }

    /** Size and modification time of the file on disk (links followed, as reads follow them). */
    @Override
    public Stamp stamp(int fileIndex) throws StorageException {
        StorageFile file = layout.file(fileIndex);
        if (file.padding()) {
            return new Stamp(file.length(), 0);
        }
        BasicFileAttributes a = stat(fileIndex);
        return a != null && a.isRegularFile() ? new Stamp(a.size(), a.lastModifiedTime().toMillis()) : new Stamp(-1, -1);
    }

    /** The attributes of a file on disk (links followed, as reads follow them), or null if it is missing. */
    private BasicFileAttributes stat(int f) throws StorageException {
        try {
            return Files.readAttributes(paths[f], BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw StorageException.classify(e, f, paths[f], "stat");
        }
    }

    @Override
    public void createEmptyFiles() throws StorageException {
        lifecycle.shared(() -> {
            for (StorageFile f : layout.files()) {
                if (f.length() == 0 && !f.padding() && !skipped.contains(f.index())) {
                    try (FileChannel ignored = PathGuard.openForWrite(jail(), root, paths[f.index()], f.index(),
                            createdDirectories)) {
                        // created; nothing to write
                    } catch (IOException e) {
                        throw StorageException.classify(e, f.index(), paths[f.index()], "create empty file");
                    }
                }
            }
        });
    }

    @Override
    public List<Path> deleteFiles() throws StorageException {
        return lifecycle.exclusive(() -> {
            handles.closeAll(false);
            sync.forgetAll(); // the data is being deleted: pending flushes no longer matter
            Path jail = jail();
            if (!Files.isDirectory(jail)) {
                return List.of(); // nothing was ever written
            }
            Path jailReal = PathGuard.realPath(jail, -1);
            List<Path> deleted = FileMover.deleteFiles(jailReal, paths);
            if (partFile.exists()) {
                PathGuard.checkInside(jailReal, root, -1, "delete " + partFile.path());
                partFile.delete();
                deleted.add(partFile.path());
            }
            deleted.addAll(FileMover.removeEmptyDirectories(jailReal, root, paths, createdDirectories.contains(root),
                    true));
            createdDirectories.removeAll(deleted);
            return deleted;
        });
    }

    @Override
    public void moveTo(Path newRoot) throws StorageException {
        moveTo(newRoot, false);
    }

    /** {@link #moveTo(Path)}; {@code forceCopy} skips the rename attempt (tests the cross-file-system path). */
    void moveTo(Path newRoot, boolean forceCopy) throws StorageException {
        Path target = PathGuard.normalizeRoot(newRoot);
        lifecycle.exclusive(() -> {
            if (target.equals(root)) {
                return;
            }
            Path[] newPaths = PathGuard.resolveAll(target, layout);
            Path oldFolderReal = FileMover.checkMove(fixedJail, root, target);
            flushLocked();
            partFile.sync();
            handles.closeAll(false);
            partFile.release();
            // The part file moves with the files, as one more file of the layout.
            Path[] from = java.util.Arrays.copyOf(paths, paths.length + 1);
            Path[] to = java.util.Arrays.copyOf(newPaths, newPaths.length + 1);
            from[paths.length] = partFile.path();
            to[paths.length] = target.resolve(partFile.path().getFileName());
            Set<Path> createdAtTarget = new java.util.HashSet<>();
            FileMover.move(fixedJail != null ? fixedJail : target, oldFolderReal, root, from, target, to, forceCopy,
                    createdAtTarget, createdDirectories.contains(root));
            createdDirectories.clear();
            createdDirectories.addAll(createdAtTarget);
            root = target;
            paths = newPaths;
            partFile.movedTo(to[paths.length]);
        });
    }

    @Override
    public void rename(java.util.Map<Integer, List<String>> changes) throws StorageException {
        lifecycle.exclusive(() -> {
            StorageLayout next = layout;
            for (java.util.Map.Entry<Integer, List<String>> e : changes.entrySet()) {
                if (layout.file(e.getKey()).padding()) {
                    throw new StorageException(Kind.PATH_CONFLICT, e.getKey(), null, "a padding file has no path");
                }
                next = next.withPath(e.getKey(), e.getValue());
            }
            Path[] newPaths = PathGuard.resolveAll(root, next); // no .., no two files on one path
            flushLocked();
            FileMover.Renamed r = FileMover.renameInside(jail(), PathGuard.jailReal(jail(), -1, createdDirectories),
                    root, paths, newPaths, changes.keySet(), createdDirectories, handles::close);
            if (r.failure() == null) {
                layout = next;
                paths = newPaths;
                return;
            }
            // What moved keeps its new path; the rest stays where it was.
            StorageLayout done = layout;
            Path[] now = paths.clone();
            for (int f : r.moved()) {
                done = done.withPath(f, next.file(f).path());
                now[f] = newPaths[f];
            }
            layout = done;
            paths = now;
            throw StorageException.classify(r.failure(), -1, null, "rename");
        });
    }

    // ---- skipped files (the part file) ---------------------------------------------------------

    /**
     * The files skipped when the torrent starts (or is checked again): a skipped file that is not on disk is kept
     * in the part file from now on; one that is stays where it is (it holds data from before it was skipped).
     */
    @Override
    public void setSkipped(boolean[] skippedNow) throws StorageException {
        lifecycle.exclusive(() -> {
            for (int f = 0; f < skippedNow.length && f < paths.length; f++) {
                skipped.set(f, skippedNow[f] && paths[f] != null && PathGuard.attributes(paths[f], f) == null);
            }
        });
    }

    /**
     * File {@code f} is skipped from now on. Not on disk: it never will be, its bytes go to the part file. On
     * disk: it stays, unless {@code relocate} says nothing of its own is worth keeping (none of the pieces that
     * lie in it alone is had, and it is not complete); then the bytes it holds of pieces shared with other files
     * move into the part file and the file is deleted.
     */
    @Override
    public void skip(int f, boolean relocate) throws StorageException {
        lifecycle.exclusive(() -> {
            BasicFileAttributes a = paths[f] == null || skipped.contains(f) ? null : PathGuard.attributes(paths[f], f);
            if (paths[f] != null && !skipped.contains(f) && a == null) {
                skipped.set(f, true);
            } else if (a != null && relocate && complete.get(f) == 0 && a.isRegularFile()) {
                syncFile(f);
                handles.close(f);
                sync.forget(f);
                skipped.relocate(f, paths[f], this::writeToPart);
                PathGuard.checkInside(PathGuard.realPath(jail(), f), paths[f].getParent(), f, "delete " + paths[f]);
                FileMover.delete(paths[f], f);
                skipped.set(f, true);
            }
        });
    }

    /** File {@code f} is wanted again: its bytes in the part file move into it (created now if it has some). */
    @Override
    public void unskip(int f) throws StorageException {
        lifecycle.exclusive(() -> {
            if (paths[f] != null && skipped.contains(f)) {
                List<Integer> moved = skipped.export(f, paths[f],
                        () -> PathGuard.openForWrite(jail(), root, paths[f], f, createdDirectories));
                skipped.set(f, false);
                skipped.freeUnneeded(moved);
            }
        });
    }

    private void flushLocked() throws StorageException {
        for (int f : sync.pending()) {
            syncFile(f);
        }
    }

    @Override
    public void close() throws StorageException {
        boolean now = lifecycle.close(this::flushLocked, () -> {
            handles.closeAll(true);
            partFile.close();
        });
        StorageException failure = now ? sync.closeFailure() : null;
        if (failure != null) {
            throw failure;
        }
    }

    private FileChannel open(int f, boolean write) throws StorageException {
        Path p = paths[f];
        if (write) {
            return PathGuard.openForWrite(jail(), root, p, f, createdDirectories);
        }
        try {
            return FileChannel.open(p, StandardOpenOption.READ);
        } catch (IOException e) {
            throw StorageException.classify(e, f, p, "open for reading");
        }
    }

    private Path jail() {
        return fixedJail != null ? fixedJail : root;
    }

    @Override
    public String toString() {
        return "FileStorage[" + root + ", " + layout.fileCount() + " files]";
    }
}
