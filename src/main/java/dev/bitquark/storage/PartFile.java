package dev.bitquark.storage;

import dev.bitquark.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The hidden file that holds the bytes of skipped files that share a piece with a wanted file (libtorrent's
 * {@code .parts} file; qBittorrent keeps the same). A wanted piece must be downloaded whole to be verified (BEP 3),
 * so some bytes of a skipped file come with it; they are kept here rather than in a file the user chose not to
 * have. They move into the real file if it becomes wanted again.
 *
 * <p>Layout: a header ({@code "BQPARTS1"}, piece length, piece count), then one 4-byte entry per piece (0: no slot,
 * else slot + 1), then slots of one piece each, from {@link #dataStart}. A slot holds its piece's bytes at their
 * offset in the piece; only the bytes of skipped files mean anything. Bytes never written read as zeros, as in a
 * sparse file: the piece's hash decides. Slots are allocated as needed and reused once freed; the file is created
 * at its first write and deleted when it holds no slot. A header that does not match the torrent (another
 * torrent's file, damage) is not trusted: the file starts over, and a check finds which pieces are really there.
 *
 * <p>Durability: a slot's data and its index entry are written with positional writes and forced by {@link #sync},
 * which the storage calls before a piece is recorded as durable. Thread-safe (synchronized; part data is a few
 * pieces per torrent). Blocking: disk workers only.
 */
final class PartFile {
    static final long MAGIC = 0x4251504152545331L; // "BQPARTS1"
    private static final int HEADER = 16;

    private final int pieceLength;
    private final int pieceCount;
    private final long dataStart;
    private Path path;
    private FileChannel channel;
    /** Slot of each piece, or -1. */
    private int[] slots;
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private int nextSlot;
    private int used;
    private boolean loaded;
    private boolean dirty;

    PartFile(Path path, int pieceLength, int pieceCount) {
        this.path = path;
        this.pieceLength = pieceLength;
        this.pieceCount = pieceCount;
        // Slots start on a 4 KiB boundary after the index, so piece data is block-aligned on disk.
        this.dataStart = ((HEADER + 4L * pieceCount) + 4095) & ~4095L;
    }

    /** The part file {@code name} (a plain file name) in {@code root}, for a torrent of {@code geometry}. */
    static PartFile in(Path root, String name, dev.bitquark.metainfo.TorrentGeometry geometry) {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("part file name must be a plain file name: '" + name + "'");
        }
        return new PartFile(root.resolve(name), geometry.pieceLength(), geometry.pieceCount());
    }

    synchronized Path path() {
        return path;
    }

    /** True if piece {@code piece} has a slot (some of its bytes of skipped files were written). */
    synchronized boolean hasSlot(int piece) throws StorageException {
        load();
        return slots[piece] >= 0;
    }

    /** Pieces that have a slot, ascending. */
    synchronized int[] pieces() throws StorageException {
        load();
        return java.util.stream.IntStream.range(0, pieceCount).filter(p -> slots[p] >= 0).toArray();
    }

    /** Writes {@code src} at {@code offset} of {@code piece}'s slot (allocated if needed); consumes it. */
    synchronized void write(int piece, int offset, ByteBuffer src) throws StorageException {
        load();
        check(piece, offset, src.remaining());
        if (slots[piece] < 0) {
            int slot = freeSlots.isEmpty() ? nextSlot++ : freeSlots.poll();
            slots[piece] = slot;
            used++;
            writeIndex(piece, slot + 1);
        }
        long pos = dataStart + (long) slots[piece] * pieceLength + offset;
        try {
            while (src.hasRemaining()) {
                int n = open().write(src, pos);
                if (n <= 0) {
                    throw new StorageException(Kind.IO, -1, path, "short write to the part file at " + pos);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw StorageException.classify(e, -1, path, "write to the part file");
        }
        dirty = true;
    }

    /** Reads {@code dst.remaining()} bytes at {@code offset} of {@code piece}: zeros where nothing was written. */
    synchronized void read(int piece, int offset, ByteBuffer dst) throws StorageException {
        load();
        check(piece, offset, dst.remaining());
        FileChannel ch = slots[piece] < 0 ? null : existing();
        if (ch == null) {
            zeros(dst);
            return;
        }
        long pos = dataStart + (long) slots[piece] * pieceLength + offset;
        try {
            while (dst.hasRemaining()) {
                int n = ch.read(dst, pos);
                if (n < 0) {
                    zeros(dst); // past the end: never written
                    return;
                }
                pos += n;
            }
        } catch (IOException e) {
            throw StorageException.classify(e, -1, path, "read from the part file");
        }
    }

    /** The position of {@code offset} of {@code piece} in the file, for zero-copy sending; -1 without a slot. */
    synchronized long position(int piece, int offset) throws StorageException {
        load();
        return slots[piece] < 0 ? -1 : dataStart + (long) slots[piece] * pieceLength + offset;
    }

    /** The slot of {@code piece} is no longer needed; the file goes once no slot is left. */
    synchronized void free(int piece) throws StorageException {
        load();
        if (slots[piece] < 0) {
            return;
        }
        freeSlots.add(slots[piece]);
        slots[piece] = -1;
        used--;
        writeIndex(piece, 0);
        if (used == 0) {
            delete();
        }
    }

    /** Forces the data and the index to disk, if written since the last time. */
    synchronized void sync() throws StorageException {
        if (dirty && channel != null) {
            try {
                channel.force(false);
                dirty = false;
            } catch (IOException e) {
                throw StorageException.classify(e, -1, path, "force the part file to disk");
            }
        }
    }

    synchronized boolean exists() {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    synchronized void close() throws StorageException {
        try {
            sync();
        } finally {
            closeChannel();
        }
    }

    /** Deletes the file (with the torrent's files, or when empty). */
    synchronized void delete() throws StorageException {
        closeChannel();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw StorageException.classify(e, -1, path, "delete the part file");
        }
        slots = null;
        loaded = false;
        freeSlots.clear();
        nextSlot = 0;
        used = 0;
    }

    /** The files moved: the part file is now at {@code newPath} (the caller moved it, or there was none). */
    synchronized void movedTo(Path newPath) {
        closeChannel();
        path = newPath;
    }

    /** Closes the channel before the caller moves the file. */
    synchronized void release() {
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a channel we forced (or are deleting): nothing left to lose
            }
            channel = null;
        }
    }

    /** Reads the index of an existing file once; a file that does not match this torrent is started over. */
    private void load() throws StorageException {
        if (loaded) {
            return;
        }
        slots = new int[pieceCount];
        Arrays.fill(slots, -1);
        loaded = true;
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw StorageException.classify(e, -1, path, "open the part file");
        }
        channel = ch;
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER + 4 * pieceCount).order(ByteOrder.BIG_ENDIAN);
            while (header.hasRemaining() && ch.read(header, header.position()) > 0) {
                // read the whole header and index
            }
            header.flip();
            if (header.remaining() < HEADER + 4 * pieceCount || header.getLong() != MAGIC
                    || header.getInt() != pieceLength || header.getInt() != pieceCount) {
                ch.truncate(0); // not ours, or damaged: its bytes cannot be trusted; a check finds what is missing
                return;
            }
            boolean[] taken = new boolean[pieceCount];
            int max = 0;
            for (int p = 0; p < pieceCount; p++) {
                int entry = header.getInt();
                if (entry > 0 && entry <= pieceCount && !taken[entry - 1]) {
                    slots[p] = entry - 1;
                    taken[entry - 1] = true;
                    used++;
                    max = Math.max(max, entry);
                }
            }
            nextSlot = max;
            for (int s = 0; s < max; s++) {
                if (!taken[s]) {
                    freeSlots.add(s);
                }
            }
        } catch (IOException e) {
            throw StorageException.classify(e, -1, path, "read the part file's index");
        }
    }

    /** The channel of the file if it exists (reopened after a move), else null. */
    private FileChannel existing() throws StorageException {
        if (channel == null && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw StorageException.classify(e, -1, path, "open the part file");
            }
        }
        return channel;
    }

    /** The channel, creating the file (header and empty index) at the first write. */
    private FileChannel open() throws StorageException {
        if (existing() != null) {
            return channel;
        }
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS);
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN)
                    .putLong(MAGIC).putInt(pieceLength).putInt(pieceCount).flip();
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            dirty = true;
            return channel;
        } catch (IOException e) {
            throw StorageException.classify(e, -1, path, "create the part file");
        }
    }

    private void writeIndex(int piece, int entry) throws StorageException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(entry).flip();
        long pos = HEADER + 4L * piece;
        try {
            FileChannel ch = entry == 0 ? existing() : open();
            if (ch == null) {
                return;
            }
            while (b.hasRemaining()) {
                ch.write(b, pos + b.position());
            }
        } catch (IOException e) {
            throw StorageException.classify(e, -1, path, "write the part file's index");
        }
        dirty = true;
    }

    private void check(int piece, int offset, int length) {
        if (piece < 0 || piece >= pieceCount || offset < 0 || (long) offset + length > pieceLength) {
            throw new IllegalArgumentException("part of piece " + piece + " at " + offset + " (+" + length + ")");
        }
    }

    private static void zeros(ByteBuffer dst) {
        while (dst.hasRemaining()) {
            dst.put((byte) 0);
        }
    }
}
