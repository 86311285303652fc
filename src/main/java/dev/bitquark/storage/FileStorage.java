package dev.bitquark.storage;

import dev.bitquark.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link PieceStorage} on plain files below one root directory, the layout of the metainfo
 * (BEP 3 multi-file mode): piece ranges are mapped onto files by a binary search over file
 * offsets and split where they cross a file boundary.
 *
 * <ul>
 *   <li>Files are created lazily on their first write, sparse, never preallocated; their parent
 *       directories are created too and remembered ({@link #createdDirectories()}).
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

    private final StorageLayout layout;
    private final PayloadMap map;
    private final HandleCache handles;
    /** Readers are the block operations; the writer is a lifecycle change (move, delete, close). */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Set<Path> createdDirectories = ConcurrentHashMap.newKeySet();
    private final AtomicIntegerArray complete;
    /** Files written through a handle that was closed before their data was forced: the next sync forces them. */
    private final Set<Integer> unsyncedClosed = ConcurrentHashMap.newKeySet();
    /** Files whose handle failed to close after writes, so data may be lost: the next sync reports it. */
    private final Set<Integer> closeFailures = ConcurrentHashMap.newKeySet();
    private final HandleCache.Opener opener = this::open;
    /** 1 where the file is skipped and kept in the part file instead of on disk. */
    private final AtomicIntegerArray inPart;
    private final PartFile partFile;
    /**
     * The folder every write stays inside, after links are resolved (see {@link PathGuard}); null: the root
     * itself, wherever it is moved.
     */
    private final Path fixedJail;
    private volatile Path root;
    private volatile Path[] paths;
    private volatile boolean closed;

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
     * download folder) once links are resolved, checked when it happens: a root outside it can be read (a torrent
     * restored from an earlier download folder seeds), never written. A null {@code jail} confines writes to
     * the root itself, and a move may take it anywhere.
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
        this.inPart = new AtomicIntegerArray(layout.fileCount());
        if (partFileName.isEmpty() || partFileName.indexOf('/') >= 0 || partFileName.indexOf('\\') >= 0
                || partFileName.equals(".") || partFileName.equals("..")) {
            throw new IllegalArgumentException("part file name must be a plain file name: '" + partFileName + "'");
        }
        this.partFile = new PartFile(this.root.resolve(partFileName), layout.geometry().pieceLength(),
                layout.geometry().pieceCount());
        this.handles = new HandleCache(maxOpenFiles, new HandleCache.CloseSink() {
            @Override
            public void closedUnsynced(int file) {
                unsyncedClosed.add(file);
            }

            @Override
            public void closeFailed(int file, IOException e) {
                closeFailures.add(file);
            }
        });
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

    /** Directories this instance created (to persist for "remove with files"). */
    public Set<Path> createdDirectories() {
        return Set.copyOf(createdDirectories);
    }

    /** File channels open right now. */
    public int openHandleCount() {
        return handles.openCount();
    }

    /** Cached file channels open for writing right now. */
    public int openWritableHandleCount() {
        return handles.openWritableCount();
    }

    /** File channels opened since creation (each open is a system call: a measure of cache misses). */
    public long handlesOpened() {
        return handles.openedTotal();
    }

    @Override
    public void writeBlock(int piece, int begin, ByteBuffer src) throws StorageException {
        int length = src.remaining();
        long pos = map.payloadOffset(piece, begin, length);
        Lock lock = lifecycle.readLock();
        lock.lock();
        int limit = src.limit();
        try {
            checkOpen();
            int remaining = length;
            for (int f = remaining > 0 ? map.fileAt(pos) : 0; remaining > 0; f++) {
                long inFile = pos - map.start(f);
                int n = (int) Math.min(remaining, map.length(f) - inFile);
                if (n <= 0) {
                    continue; // an empty file at this offset
                }
                src.limit(src.position() + n);
                if (map.isPadding(f)) {
                    src.position(src.limit()); // BEP 47: padding is never stored
                } else if (inPart.get(f) != 0) {
                    writeToPart(f, piece, (int) (pos - pieceStart(piece)), src);
                } else {
                    writeToFile(f, inFile, src);
                }
                src.limit(limit);
                pos += n;
                remaining -= n;
            }
        } finally {
            src.limit(limit);
            lock.unlock();
        }
    }

    private long pieceStart(int piece) {
        return layout.geometry().pieceOffset(piece);
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
        long pos = map.payloadOffset(piece, begin, length);
        if (dst.remaining() < length) {
            throw new IllegalArgumentException("buffer has room for " + dst.remaining() + " of " + length + " bytes");
        }
        Lock lock = lifecycle.readLock();
        lock.lock();
        int limit = dst.limit();
        try {
            checkOpen();
            int remaining = length;
            for (int f = remaining > 0 ? map.fileAt(pos) : 0; remaining > 0; f++) {
                long inFile = pos - map.start(f);
                int n = (int) Math.min(remaining, map.length(f) - inFile);
                if (n <= 0) {
                    continue;
                }
                dst.limit(dst.position() + n);
                if (map.isPadding(f)) {
                    putZeros(dst);
                } else if (inPart.get(f) != 0) {
                    partFile.read(piece, (int) (pos - pieceStart(piece)), dst);
                } else {
                    readFromFile(f, inFile, dst);
                }
                dst.limit(limit);
                pos += n;
                remaining -= n;
            }
        } finally {
            dst.limit(limit);
            lock.unlock();
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
            if (!map.isPadding(f) && inPart.get(f) != 0) {
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
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            checkOpen();
            for (int f : new TreeSet<>(fileIndexes)) {
                syncFile(f);
            }
        } finally {
            lock.unlock();
        }
    }

    private void syncFile(int f) throws StorageException {
        layout.file(f);
        if (inPart.get(f) != 0) {
            partFile.sync();
            return;
        }
        if (closeFailures.remove(f)) {
            throw new StorageException(Kind.IO, f, paths[f], "closing the file after writing failed; data may be lost");
        }
        // The open handle first: one evicted before we look has already put the file in unsyncedClosed.
        HandleCache.Handle h = handles.acquireIfOpen(f);
        if (h != null) {
            try {
                if (h.dirty) {
                    h.dirty = false; // before force: a write finishing during the force marks it again
                    h.channel.force(false);
                }
            } catch (IOException e) {
                h.dirty = true;
                throw StorageException.classify(e, f, paths[f], "force to disk");
            } finally {
                handles.release(h);
            }
        }
        if (unsyncedClosed.remove(f)) {
            forceClosedFile(f);
        }
    }

    /** Forces a file whose written handle was evicted, through a short-lived channel outside the cache. */
    private void forceClosedFile(int f) throws StorageException {
        // WRITE because some systems refuse to flush through a read-only handle; never CREATE:
        // the file must be the one we wrote, and NOFOLLOW_LINKS refuses a link planted since.
        try (FileChannel ch = FileChannel.open(paths[f], StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(false);
        } catch (IOException e) {
            unsyncedClosed.add(f);
            throw StorageException.classify(e, f, paths[f], "force to disk");
        }
    }

    @Override
    public void flush() throws StorageException {
        sync(pendingSync());
        partFile.sync();
    }

    /** Files with written data not yet forced, or with a failure not yet reported. */
    private Set<Integer> pendingSync() {
        Set<Integer> files = new TreeSet<>(handles.dirtyFiles());
        files.addAll(unsyncedClosed);
        files.addAll(closeFailures);
        return files;
    }

    @Override
    public long fileLength(int fileIndex) throws StorageException {
        StorageFile file = layout.file(fileIndex);
        if (file.padding()) {
            return file.length();
        }
        if (inPart.get(fileIndex) != 0) {
            // Read from the part file as from a sparse file of full length (bytes never written are zeros).
            return partFile.exists() ? file.length() : -1;
        }
        Path p = paths[fileIndex];
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new StorageException(Kind.PATH_CONFLICT, fileIndex, p, "not a regular file");
            }
            return a.size();
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw StorageException.classify(e, fileIndex, p, "stat");
        }
    }

    /** Size and modification time of the file on disk (links followed, as reads follow them). */
    @Override
    public Stamp stamp(int fileIndex) throws StorageException {
        StorageFile file = layout.file(fileIndex);
        if (file.padding()) {
            return new Stamp(file.length(), 0);
        }
        Path p = paths[fileIndex];
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isRegularFile() ? new Stamp(a.size(), a.lastModifiedTime().toMillis()) : new Stamp(-1, -1);
        } catch (NoSuchFileException e) {
            return new Stamp(-1, -1);
        } catch (IOException e) {
            throw StorageException.classify(e, fileIndex, p, "stat");
        }
    }

    @Override
    public boolean exists(int fileIndex) throws StorageException {
        return fileLength(fileIndex) >= 0;
    }

    @Override
    public void createEmptyFiles() throws StorageException {
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            checkOpen();
            for (StorageFile f : layout.files()) {
                if (f.length() == 0 && !f.padding() && inPart.get(f.index()) == 0) {
                    try (FileChannel ignored = PathGuard.openForWrite(jail(), root, paths[f.index()], f.index(),
                            createdDirectories)) {
                        // created; nothing to write
                    } catch (IOException e) {
                        throw StorageException.classify(e, f.index(), paths[f.index()], "create empty file");
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Path> deleteFiles() throws StorageException {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            checkOpen();
            handles.closeAll(false);
            unsyncedClosed.clear(); // the data is being deleted: pending flushes no longer matter
            closeFailures.clear();
            Path jail = jail();
            if (!Files.isDirectory(jail)) {
                return List.of(); // nothing was ever written
            }
            Path jailReal = PathGuard.realPath(jail, -1);
            List<Integer> files = new ArrayList<>();
            for (int i = 0; i < paths.length; i++) {
                Path p = paths[i];
                BasicFileAttributes a = p == null ? null : PathGuard.attributes(p, i);
                if (a == null || !a.isRegularFile()) {
                    continue; // missing, or a link or directory we did not create: not ours to delete
                }
                // Every folder on the way must still resolve inside the download folder: a link planted
                // since would make this delete someone else's files.
                PathGuard.checkInside(jailReal, p.getParent(), i, "delete " + p);
                files.add(i);
            }
            List<Path> deleted = new ArrayList<>();
            for (int i : files) {
                Path p = paths[i];
                try {
                    Files.delete(p);
                    deleted.add(p);
                } catch (NoSuchFileException e) {
                    // gone already
                } catch (IOException e) {
                    throw StorageException.classify(e, i, p, "delete");
                }
            }
            if (partFile.exists()) {
                PathGuard.checkInside(jailReal, root, -1, "delete " + partFile.path());
                partFile.delete();
                deleted.add(partFile.path());
            }
            deleted.addAll(FileMover.removeEmptyDirectories(jailReal, root, paths, createdDirectories.contains(root),
                    true));
            createdDirectories.removeAll(deleted);
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void moveTo(Path newRoot) throws StorageException {
        moveTo(newRoot, false);
    }

    /** {@link #moveTo(Path)}; {@code forceCopy} skips the rename attempt (tests the cross-file-system path). */
    void moveTo(Path newRoot, boolean forceCopy) throws StorageException {
        Path target = PathGuard.normalizeRoot(newRoot);
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            checkOpen();
            if (target.equals(root)) {
                return;
            }
            Path[] newPaths = PathGuard.resolveAll(target, layout);
            Path jail = fixedJail != null ? fixedJail : target;
            if (!target.startsWith(jail)) {
                throw new StorageException(Kind.PATH_ESCAPE, -1, target, "refusing to move outside the download folder "
                        + jail);
            }
            // Moving takes the files out of the old folder, and cleans up its empty folders: it must be ours too.
            Path oldFolder = fixedJail != null ? fixedJail : root.getParent();
            Path oldFolderReal = Files.isDirectory(oldFolder) ? PathGuard.realPath(oldFolder, -1) : null;
            if (fixedJail != null && oldFolderReal != null && Files.exists(root)) {
                PathGuard.checkInside(oldFolderReal, root, -1, "move the files out of " + root);
            }
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
            FileMover.move(jail, oldFolderReal, root, from, target, to, forceCopy, createdAtTarget,
                    createdDirectories.contains(root));
            createdDirectories.clear();
            createdDirectories.addAll(createdAtTarget);
            root = target;
            paths = newPaths;
            partFile.movedTo(to[paths.length]);
        } finally {
            lock.unlock();
        }
    }

    // ---- skipped files (the part file) ---------------------------------------------------------

    /**
     * The files skipped when the torrent starts (or is checked again): a skipped file that is not on disk is kept
     * in the part file from now on; one that is stays where it is (it holds data from before it was skipped).
     */
    @Override
    public void setSkipped(boolean[] skipped) throws StorageException {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            checkOpen();
            for (int f = 0; f < skipped.length && f < paths.length; f++) {
                boolean part = skipped[f] && paths[f] != null && PathGuard.attributes(paths[f], f) == null;
                inPart.set(f, part ? 1 : 0);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * File {@code f} is skipped from now on. Not on disk: it never will be, its bytes go to the part file. On
     * disk: it stays, unless {@code relocate} says nothing of its own is worth keeping (none of the pieces that
     * lie in it alone is had, and it is not complete); then the bytes it holds of pieces shared with other files
     * move into the part file and the file is deleted.
     */
    @Override
    public void skip(int f, boolean relocate) throws StorageException {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            checkOpen();
            if (paths[f] == null || inPart.get(f) != 0) {
                return;
            }
            BasicFileAttributes a = PathGuard.attributes(paths[f], f);
            if (a == null) {
                inPart.set(f, 1);
                return;
            }
            if (!relocate || complete.get(f) != 0 || !a.isRegularFile()) {
                return;
            }
            syncFile(f);
            handles.close(f);
            unsyncedClosed.remove(f);
            for (int piece : sharedPieces(f)) {
                long pieceStart = pieceStart(piece);
                long from = Math.max(map.start(f), pieceStart);
                long to = Math.min(map.start(f) + map.length(f), pieceStart + layout.geometry().pieceSize(piece));
                ByteBuffer buf = ByteBuffer.allocate((int) (to - from));
                readQuietly(paths[f], from - map.start(f), buf);
                buf.flip();
                writeToPart(f, piece, (int) (from - pieceStart), buf);
            }
            partFile.sync(); // the bytes are safe in the part file before the file goes
            PathGuard.checkInside(PathGuard.realPath(jail(), f), paths[f].getParent(), f, "delete " + paths[f]);
            try {
                Files.deleteIfExists(paths[f]);
            } catch (IOException e) {
                throw StorageException.classify(e, f, paths[f], "delete the skipped file");
            }
            inPart.set(f, 1);
        } finally {
            lock.unlock();
        }
    }

    /** File {@code f} is wanted again: its bytes in the part file move into it (created now if it has some). */
    @Override
    public void unskip(int f) throws StorageException {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            checkOpen();
            if (paths[f] == null || inPart.get(f) == 0) {
                return;
            }
            List<Integer> moved = new ArrayList<>();
            FileChannel out = null;
            try {
                for (int piece : piecesOf(f)) {
                    if (!partFile.hasSlot(piece)) {
                        continue;
                    }
                    long pieceStart = pieceStart(piece);
                    long from = Math.max(map.start(f), pieceStart);
                    long to = Math.min(map.start(f) + map.length(f), pieceStart + layout.geometry().pieceSize(piece));
                    ByteBuffer buf = ByteBuffer.allocate((int) (to - from));
                    partFile.read(piece, (int) (from - pieceStart), buf);
                    buf.flip();
                    if (out == null) {
                        out = PathGuard.openForWrite(jail(), root, paths[f], f, createdDirectories);
                    }
                    for (long pos = from - map.start(f); buf.hasRemaining(); ) {
                        int n = out.write(buf, pos);
                        if (n <= 0) {
                            throw new StorageException(Kind.IO, f, paths[f], "short write moving out of the part file");
                        }
                        pos += n;
                    }
                    moved.add(piece);
                }
                if (out != null) {
                    out.force(false); // in the file for good before the part file lets go of it
                }
            } catch (IOException e) {
                throw StorageException.classify(e, f, paths[f], "move out of the part file");
            } finally {
                if (out != null) {
                    try {
                        out.close();
                    } catch (IOException e) {
                        // forced above; nothing left to lose
                    }
                }
            }
            inPart.set(f, 0);
            for (int piece : moved) {
                if (!pieceHasPartFile(piece)) {
                    partFile.free(piece);
                }
            }
            partFile.sync();
        } finally {
            lock.unlock();
        }
    }

    /** The part file's path (it exists only while it holds bytes). */
    public Path partFilePath() {
        return partFile.path();
    }

    /** True if file {@code f} is skipped and kept in the part file. */
    public boolean isInPartFile(int f) {
        return inPart.get(f) != 0;
    }

    /** Pieces that hold a byte of file {@code f} (none for an empty file). */
    private int[] piecesOf(int f) {
        if (map.length(f) == 0) {
            return new int[0];
        }
        int pieceLength = layout.geometry().pieceLength();
        int first = (int) (map.start(f) / pieceLength);
        int last = (int) ((map.start(f) + map.length(f) - 1) / pieceLength);
        int[] out = new int[last - first + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i;
        }
        return out;
    }

    /** Pieces of file {@code f} that also hold bytes of another (non-padding) file. */
    private int[] sharedPieces(int f) {
        return java.util.Arrays.stream(piecesOf(f)).filter(p -> {
            int[] files = filesOfPiece(p);
            return files.length > 1;
        }).toArray();
    }

    /** True if some file of {@code piece} is kept in the part file. */
    private boolean pieceHasPartFile(int piece) {
        for (int f : filesOfPiece(piece)) {
            if (inPart.get(f) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Reads what {@code file} has at {@code position}; past its end the buffer is left as zeros. */
    private static void readQuietly(Path file, long position, ByteBuffer dst) throws StorageException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            for (long pos = position; dst.hasRemaining(); ) {
                int n = in.read(dst, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
            dst.position(dst.limit());
        } catch (IOException e) {
            throw StorageException.classify(e, -1, file, "read the skipped file");
        }
    }

    private void flushLocked() throws StorageException {
        for (int f : pendingSync()) {
            syncFile(f);
        }
    }

    @Override
    public void close() throws StorageException {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                flushLocked();
            } finally {
                closed = true;
                handles.closeAll(true);
                partFile.close();
            }
            if (!closeFailures.isEmpty()) {
                int f = closeFailures.iterator().next();
                throw new StorageException(Kind.IO, f, paths[f], "closing the file after writing failed; data may be lost");
            }
        } finally {
            lock.unlock();
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

    private void checkOpen() throws StorageException {
        if (closed) {
            throw new StorageException(Kind.CLOSED, -1, null, "storage is closed");
        }
    }

    @Override
    public String toString() {
        return "FileStorage[" + root + ", " + layout.fileCount() + " files]";
    }
}
