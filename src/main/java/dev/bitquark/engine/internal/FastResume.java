package dev.bitquark.engine.internal;

import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.storage.StorageException;
import io.vertx.core.Future;
import java.util.random.RandomGenerator;

/**
 * Resume data: building it from a torrent, and deciding on the next start whether it can be trusted
 * without reading every piece. It is trusted when every file still has the size and modification
 * time recorded with it and a spot check passes: {@value #SPOT_CHECKS} random claimed pieces plus
 * the last claimed piece of each file (the end of a file is where truncation and interrupted
 * writes show). Anything else means a full check.
 *
 * <p>Stateless. {@link #stamp} blocks (one stat per file): call it on a disk worker; the rest runs
 * on the engine context.
 */
final class FastResume {
    static final int SPOT_CHECKS = 8;
    /** A file size and time that is never on disk: forces a full check. */
    static final long UNKNOWN = -2;

    private FastResume() {}

    /** On-disk size and modification time (ms) of each file; -1 and -1 for a missing file. */
    record FileStamps(long[] sizes, long[] mtimes) {
    }

    /** Stamps that match no file (time {@link #UNKNOWN}): resume data saved before the first check. */
    static FileStamps unknownStamps(int files) {
        long[] unknown = new long[files];
        java.util.Arrays.fill(unknown, UNKNOWN);
        return new FileStamps(unknown, unknown.clone());
    }

    /** Stamps every file through the storage ({@link PieceStorage#stamp}). Blocking. */
    static FileStamps stamp(PieceStorage storage) throws StorageException {
        int n = storage.layout().fileCount();
        long[] sizes = new long[n];
        long[] mtimes = new long[n];
        for (int i = 0; i < n; i++) {
            PieceStorage.Stamp s = storage.stamp(i);
            sizes[i] = s.size();
            mtimes[i] = s.mtimeMillis();
        }
        return new FileStamps(sizes, mtimes);
    }

    /**
     * The torrent's resume data with the given durable pieces, the pieces written but not yet durable
     * (disjoint from {@code durable}) and file stamps. Engine context.
     */
    static ResumeData build(Torrent t, Bitfield durable, Bitfield unsynced, FileStamps stamps) {
        return new ResumeData(t.metainfo().infoHash(), t.saveDir(), t.metainfo().pieceCount(), durable.toBytes(),
                t.selection().priorities(), stamps.sizes(), stamps.mtimes(), t.uploadedTotal(), t.downloads().downloadedTotal(),
                t.addedAtMillis(), t.downloads().completedAtMillis(), t.lifecycle().userPaused, t.picker().isSequential(),
                t.limits().downloadLimit(), t.limits().uploadLimit(), t.lifecycle().state() == TorrentState.ERROR ? t.lifecycle().error() : null,
                unsynced.toBytes(), t.connectionCap(), t.trackerList().tiers(), t.swarm().book().worthKeeping(ResumeData.MAX_PEERS))
                .withRenamedFiles(t.names().renamedFiles());
    }

    /** Why {@code r} does not fit {@code meta} at all (then a full check runs), or null if it fits. */
    static String unusable(ResumeData r, Metainfo meta) {
        if (r.pieceCount() != meta.pieceCount()) {
            return "resume data has " + r.pieceCount() + " pieces, the torrent " + meta.pieceCount();
        }
        if (r.filePriorities().size() != meta.files().size()) {
            return "resume data has " + r.filePriorities().size() + " files, the torrent " + meta.files().size();
        }
        try {
            Bitfield.fromBytes(r.have(), meta.pieceCount());
            Bitfield.fromBytes(r.unsynced(), meta.pieceCount());
        } catch (IllegalArgumentException e) {
            return "resume data bitfield: " + e.getMessage();
        }
        return null;
    }

    static Bitfield claimed(ResumeData r) {
        return Bitfield.fromBytes(r.have(), r.pieceCount());
    }

    /** The pieces written but not known flushed when {@code r} was taken: hashed again before use. */
    static Bitfield unsynced(ResumeData r) {
        return Bitfield.fromBytes(r.unsynced(), r.pieceCount());
    }

    /**
     * The first file that changed in a way the resume data cannot vouch for, described; null if none.
     * A file whose every piece is claimed was complete (and read-only) when the snapshot was taken:
     * its size and modification time must match exactly. A file still being downloaded is written
     * after every snapshot, so its size and time move on legitimately (after a crash they are always
     * newer); for it only the claimed bytes must still be there (size at least the end of its last
     * claimed piece), and the spot check then reads some of them.
     */
    static String changedFile(ResumeData r, FileStamps now, Metainfo meta) {
        long[] sizes = r.fileSizes();
        long[] mtimes = r.fileMtimes();
        for (long m : mtimes) {
            if (m == UNKNOWN) {
                return "the resume data was saved before the first check finished";
            }
        }
        Bitfield claimed = claimed(r);
        long pieceLength = meta.pieceLength();
        for (FileEntry f : meta.files()) {
            int i = f.index();
            if (f.padding() || f.length() == 0) {
                continue;
            }
            int first = (int) (f.offset() / pieceLength);
            int last = (int) ((f.offset() + f.length() - 1) / pieceLength);
            int lastClaimed = -1;
            boolean complete = true;
            for (int p = first; p <= last; p++) {
                if (claimed.get(p)) {
                    lastClaimed = p;
                } else {
                    complete = false;
                }
            }
            if (complete) {
                if (sizes[i] != now.sizes()[i] || mtimes[i] != now.mtimes()[i]) {
                    return "file " + f.displayPath() + " changed since the resume data was saved (size " + sizes[i]
                            + " -> " + now.sizes()[i] + ", modified " + mtimes[i] + " -> " + now.mtimes()[i] + ")";
                }
            } else if (lastClaimed >= 0) {
                long needed = Math.min(f.length(), (lastClaimed + 1L) * pieceLength - f.offset());
                if (now.sizes()[i] < needed) {
                    return "file " + f.displayPath() + " is shorter (" + now.sizes()[i] + " bytes) than the "
                            + needed + " bytes the resume data claims";
                }
            }
        }
        return null;
    }

    /** The pieces to verify before trusting {@code claimed}; see the class comment. O(pieces + files). */
    static Bitfield spotCheckPieces(Bitfield claimed, Metainfo meta, RandomGenerator random) {
        int n = claimed.size();
        Bitfield spot = new Bitfield(n);
        int[] indexes = new int[claimed.cardinality()];
        int count = 0;
        for (int p = claimed.nextSet(0); p >= 0; p = claimed.nextSet(p + 1)) {
            indexes[count++] = p;
        }
        // A partial Fisher-Yates shuffle: the first SPOT_CHECKS entries are a uniform random sample.
        for (int i = 0; i < Math.min(SPOT_CHECKS, count); i++) {
            int j = i + random.nextInt(count - i);
            int tmp = indexes[i];
            indexes[i] = indexes[j];
            indexes[j] = tmp;
            spot.set(indexes[i]);
        }
        long pieceLength = meta.pieceLength();
        for (FileEntry f : meta.files()) {
            if (f.padding() || f.length() == 0) {
                continue;
            }
            int first = (int) (f.offset() / pieceLength);
            for (int p = (int) ((f.offset() + f.length() - 1) / pieceLength); p >= first; p--) {
                if (claimed.get(p)) {
                    spot.set(p);
                    break;
                }
            }
        }
        return spot;
    }

    /**
     * Resume data: the durable pieces, then the files' sizes and times read on a disk worker. Before
     * the first check has finished, the resume data given at add time is carried over (or, without
     * any, the times are unknown, which forces a full check next time).
     */
    static Future<ResumeData> of(Torrent t) {
        ResumeData pending = t.lifecycle().pendingResume();
        if (!t.lifecycle().checked && pending != null && unusable(pending, t.metainfo()) == null) {
            return Future.succeededFuture(build(t, claimed(pending),
                    unsynced(pending), new FileStamps(pending.fileSizes(), pending.fileMtimes())));
        }
        Bitfield have = t.durable().snapshot();
        Bitfield unsynced = t.durable().unsyncedSnapshot();
        if (!t.lifecycle().checked) {
            return Future.succeededFuture(build(t, have, unsynced,
                    unknownStamps(t.metainfo().files().size())));
        }
        return t.rt().onDisk(() -> stamp(t.storage())).map(stamps -> build(t, have, unsynced, stamps));
    }
}
