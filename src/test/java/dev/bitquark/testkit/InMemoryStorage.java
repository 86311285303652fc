package dev.bitquark.testkit;

import dev.bitquark.storage.FileRegion;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.storage.StorageException;
import dev.bitquark.storage.StorageException.Kind;
import dev.bitquark.storage.StorageFile;
import dev.bitquark.storage.StorageLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PieceStorage} in memory, for engine tests that need no disk: each file is a byte array made at its first
 * write (so a file never written is "missing" to a check). Optionally faulty: once {@code failAfterBytes} bytes were
 * written, every write fails with {@link Kind#NO_SPACE}, as a full disk would. Thread-safe (synchronized).
 */
public final class InMemoryStorage implements PieceStorage {
    private final StorageLayout layout;
    private final byte[][] files;
    private final long failAfterBytes;
    private final AtomicLong written = new AtomicLong();
    private Path root;
    private boolean closed;

    private InMemoryStorage(Path root, StorageLayout layout, long failAfterBytes) {
        this.root = root;
        this.layout = layout;
        this.files = new byte[layout.fileCount()][];
        this.failAfterBytes = failAfterBytes;
    }

    /** A factory of in-memory storages; each one it makes is also kept in {@code made} for the test to look at. */
    public static Factory factory(List<InMemoryStorage> made) {
        return faulty(Long.MAX_VALUE, made);
    }

    /** As {@link #factory}, with storages whose writes fail once {@code failAfterBytes} bytes were written. */
    public static Factory faulty(long failAfterBytes, List<InMemoryStorage> made) {
        return (root, layout, maxOpenFiles, confinement, name) -> {
            InMemoryStorage s = new InMemoryStorage(root, layout, failAfterBytes);
            made.add(s);
            return s;
        };
    }

    /**
     * A factory of storages that already hold {@code contents} (one array per file of the layout), as a complete
     * download would: a check finds every piece.
     */
    public static Factory seeded(List<InMemoryStorage> made, byte[]... contents) {
        return (root, layout, maxOpenFiles, confinement, name) -> {
            InMemoryStorage s = new InMemoryStorage(root, layout, Long.MAX_VALUE);
            for (int f = 0; f < contents.length; f++) {
                s.files[f] = contents[f].clone();
            }
            made.add(s);
            return s;
        };
    }

    /** Overwrites bytes of file {@code f} at {@code offset} (a disk going bad under a complete torrent). */
    public synchronized void corrupt(int f, int offset) {
        files[f][offset] ^= (byte) 0xff;
    }

    /** The bytes of file {@code f}, or null if it was never written. */
    public synchronized byte[] file(int f) {
        return files[f] == null ? null : files[f].clone();
    }

    @Override
    public StorageLayout layout() {
        return layout;
    }

    @Override
    public synchronized void writeBlock(int piece, int begin, ByteBuffer src) throws StorageException {
        check();
        if (written.addAndGet(src.remaining()) > failAfterBytes) {
            throw new StorageException(Kind.NO_SPACE, -1, root, "no space left (in memory, as configured)");
        }
        long pos = layout.geometry().pieceOffset(piece) + begin;
        while (src.hasRemaining()) {
            StorageFile f = fileAt(pos);
            int inFile = (int) (pos - f.offset());
            int n = (int) Math.min(src.remaining(), f.length() - inFile);
            if (f.padding()) {
                src.position(src.position() + n);
            } else {
                if (files[f.index()] == null) {
                    files[f.index()] = new byte[(int) f.length()];
                }
                src.get(files[f.index()], inFile, n);
            }
            pos += n;
        }
    }

    @Override
    public synchronized void readBlock(int piece, int begin, int length, ByteBuffer dst) throws StorageException {
        check();
        long pos = layout.geometry().pieceOffset(piece) + begin;
        for (int left = length; left > 0; ) {
            StorageFile f = fileAt(pos);
            int inFile = (int) (pos - f.offset());
            int n = (int) Math.min(left, f.length() - inFile);
            if (f.padding()) {
                dst.put(new byte[n]);
            } else if (files[f.index()] == null) {
                throw new StorageException(Kind.MISSING_FILE, f.index(), null, "never written");
            } else {
                dst.put(files[f.index()], inFile, n);
            }
            pos += n;
            left -= n;
        }
    }

    private StorageFile fileAt(long pos) {
        for (StorageFile f : layout.files()) {
            if (pos >= f.offset() && pos < f.offset() + f.length()) {
                return f;
            }
        }
        throw new IllegalArgumentException("payload offset " + pos + " outside the torrent");
    }

    /** Nothing here is a file: blocks are read, never sent with sendfile. */
    @Override
    public List<FileRegion> regions(int piece, int begin, int length) {
        return null;
    }

    @Override
    public int[] filesOfPiece(int piece) {
        long from = layout.geometry().pieceOffset(piece);
        long to = from + layout.geometry().pieceSize(piece);
        List<Integer> out = new ArrayList<>();
        for (StorageFile f : layout.files()) {
            if (!f.padding() && f.length() > 0 && f.offset() < to && f.offset() + f.length() > from) {
                out.add(f.index());
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void setFileComplete(int fileIndex) {
    }

    @Override
    public void setFileIncomplete(int fileIndex) {
    }

    @Override
    public void sync(Set<Integer> fileIndexes) throws StorageException {
        check();
    }

    @Override
    public void flush() throws StorageException {
        check();
    }

    @Override
    public synchronized long fileLength(int fileIndex) {
        StorageFile f = layout.file(fileIndex);
        return f.padding() ? f.length() : files[fileIndex] == null ? -1 : files[fileIndex].length;
    }

    @Override
    public boolean exists(int fileIndex) {
        return fileLength(fileIndex) >= 0;
    }

    @Override
    public synchronized void createEmptyFiles() {
        for (StorageFile f : layout.files()) {
            if (f.length() == 0 && !f.padding() && files[f.index()] == null) {
                files[f.index()] = new byte[0];
            }
        }
    }

    @Override
    public synchronized List<Path> deleteFiles() {
        List<Path> gone = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            if (files[i] != null) {
                files[i] = null;
                gone.add(root.resolve("memory-file-" + i));
            }
        }
        return gone;
    }

    @Override
    public synchronized void moveTo(Path newRoot) {
        root = newRoot;
    }

    @Override
    public synchronized Path root() {
        return root;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void check() throws StorageException {
        if (closed) {
            throw new StorageException(Kind.CLOSED, -1, null, "storage is closed");
        }
    }
}
