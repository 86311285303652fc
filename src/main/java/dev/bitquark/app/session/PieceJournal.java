package dev.bitquark.app.session;

import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.InfoHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pieces downloaded since a torrent's resume data was last saved, appended to one small file per
 * torrent as they complete ({@code <info-hash>.pieces}, 4-byte big-endian piece indexes). Resume data
 * is saved once per save interval; without this journal a killed process would download again every
 * piece completed since the last save. With it, those pieces are hashed again at the next start
 * (they are merged into the resume data's "unsynced" set) and only pieces still in flight are lost.
 *
 * <p>The journal holds hints, not claims: it is never fsynced and may be torn or stale, because a
 * piece it names is had only after its hash is checked again. So reading it is lenient (a partial
 * last entry, out-of-range or repeated indexes are ignored) and bounded by the torrent's piece count.
 *
 * <p>Not thread-safe: owned by the session's store thread.
 */
final class PieceJournal implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PieceJournal.class.getName());
    private static final String SUFFIX = ".pieces";
    /** Open files kept for appending; the least recently used one is closed beyond this. */
    private static final int MAX_OPEN = 32;

    private final Path dir;
    /** Pieces appended in this run and not yet covered by saved resume data, per torrent. */
    private final Map<InfoHash, BitSet> pending = new HashMap<>();
    private final LinkedHashMap<InfoHash, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private boolean warned;

    PieceJournal(Path dir) {
        this.dir = dir;
    }

    private Path file(InfoHash h) {
        return dir.resolve(h.toHex() + SUFFIX);
    }

    /** Records downloaded pieces of one torrent. A failure is logged once and otherwise ignored. */
    void append(InfoHash h, int[] pieces, int count) {
        BitSet set = pending.computeIfAbsent(h, k -> new BitSet());
        scratch.clear();
        for (int i = 0; i < count; i++) {
            set.set(pieces[i]);
            if (!scratch.hasRemaining()) {
                write(h, scratch.flip());
                scratch.clear();
            }
            scratch.putInt(pieces[i]);
        }
        write(h, scratch.flip());
    }

    private void write(InfoHash h, ByteBuffer buf) {
        try {
            FileChannel ch = channel(h);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            close(h);
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "piece journal {0}: {1} (a crash will cost more progress)", dir, e);
            }
        }
    }

    private FileChannel channel(InfoHash h) throws IOException {
        FileChannel ch = open.get(h);
        if (ch != null) {
            return ch;
        }
        Files.createDirectories(dir);
        ch = FileChannel.open(file(h), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
        open.put(h, ch);
        if (open.size() > MAX_OPEN) {
            Iterator<Map.Entry<InfoHash, FileChannel>> eldest = open.entrySet().iterator();
            closeQuietly(eldest.next().getValue());
            eldest.remove();
        }
        return ch;
    }

    /**
     * {@code r} with the journal's pieces that it does not already have added to its unsynced set;
     * {@code r} itself if the journal adds nothing. Reads at most 8 bytes per piece of the torrent.
     */
    ResumeData merge(ResumeData r) {
        int pieces = r.pieceCount();
        Bitfield have = Bitfield.fromBytes(r.have(), pieces);
        Bitfield unsynced = Bitfield.fromBytes(r.unsynced(), pieces);
        int added = 0;
        try (FileChannel ch = FileChannel.open(file(r.infoHash()), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long remaining = Math.min(ch.size(), 8L * pieces);
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(remaining + 4, 64 * 1024));
            while (remaining > 0) {
                buf.limit(buf.position() + (int) Math.min(buf.remaining(), remaining));
                int n = ch.read(buf);
                if (n <= 0) {
                    break;
                }
                remaining -= n;
                buf.flip();
                while (buf.remaining() >= 4) {
                    int p = buf.getInt();
                    if (p >= 0 && p < pieces && !have.get(p) && unsynced.set(p)) {
                        added++;
                    }
                }
                buf.compact(); // a partial entry waits for the next read; a torn last one is dropped
            }
        } catch (NoSuchFileException e) {
            return r;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "piece journal of {0} unreadable, ignored: {1}", r.infoHash(), e);
            return r;
        }
        if (added == 0) {
            return r;
        }
        int count = added;
        LOG.log(System.Logger.Level.DEBUG, () -> r.infoHash() + ": " + count + " pieces from the journal to hash again");
        return r.withPieces(r.have(), unsynced.toBytes());
    }

    /**
     * {@code r} is saved: the journal keeps only the pieces appended since it was taken (those neither
     * had nor unsynced in it), usually none, so the file is emptied.
     */
    void saved(ResumeData r) {
        InfoHash h = r.infoHash();
        BitSet set = pending.getOrDefault(h, new BitSet());
        Bitfield have = Bitfield.fromBytes(r.have(), r.pieceCount());
        Bitfield unsynced = Bitfield.fromBytes(r.unsynced(), r.pieceCount());
        for (int p = set.nextSetBit(0); p >= 0; p = set.nextSetBit(p + 1)) {
            if (p >= r.pieceCount() || have.get(p) || unsynced.get(p)) {
                set.clear(p);
            }
        }
        try {
            FileChannel ch = open.get(h);
            if (ch == null && set.isEmpty()) {
                Files.deleteIfExists(file(h));
                pending.remove(h);
                return;
            }
            ch = channel(h);
            ch.truncate(0);
            if (set.isEmpty()) {
                pending.remove(h);
                return;
            }
            int[] rest = set.stream().toArray();
            pending.remove(h);
            append(h, rest, rest.length);
        } catch (IOException e) {
            close(h);
            LOG.log(System.Logger.Level.DEBUG, "piece journal of {0}: {1}", h, e);
        }
    }

    /** The torrent left the session. */
    void remove(InfoHash h) {
        close(h);
        pending.remove(h);
        try {
            Files.deleteIfExists(file(h));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "piece journal of {0}: {1}", h, e);
        }
    }

    private void close(InfoHash h) {
        FileChannel ch = open.remove(h);
        if (ch != null) {
            closeQuietly(ch);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // The journal is a hint: nothing depends on this file.
        }
    }

    @Override
    public void close() {
        open.values().forEach(PieceJournal::closeQuietly);
        open.clear();
    }
}
