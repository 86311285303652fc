package dev.bitquark.engine.internal;

import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.tracker.TrackerClient;
import dev.bitquark.tracker.TrackerStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Immutable snapshots of one torrent for the outside: its stats, its files, its connections and
 * its trackers before the first announce.
 * Stateless; called on the engine context.
 */
final class TorrentViews {
    private TorrentViews() {}

    static TorrentStats stats(Torrent t) {
        long now = t.rt().now();
        // Restored paused (or failed), a torrent is not checked until resumed: until then it shows what its resume
        // data claims, as it was when it stopped, rather than nothing.
        Bitfield claimed = t.lifecycle().claimedUnchecked();
        Bitfield have = claimed != null ? claimed : t.picker().haveBitfield();
        long haveBytes = 0;
        for (int i = have.nextSet(0); i >= 0; i = have.nextSet(i + 1)) {
            haveBytes += t.geometry().pieceSize(i);
        }
        long wanted = t.downloads().wantedBytes();
        long left = claimed != null ? wanted - selectedBytesIn(t, claimed) : t.picker().wantedBytesLeft();
        boolean finished = claimed != null ? wanted > 0 && left == 0 : t.downloads().isFinished();
        long down = t.downloads().downloadRate(now);
        int seeds = 0;
        for (PeerConnection c : t.swarm().connections()) {
            if (c.hasAll()) {
                seeds++;
            }
        }
        Lifecycle l = t.lifecycle();
        double checked = t.lifecycle().state() == TorrentState.CHECKING ? l.checkedFraction : 1.0;
        return new TorrentStats(t.metainfo().infoHash(), t.name(), t.lifecycle().state(), t.lifecycle().error(), finished, t.metainfo().totalLength(),
                wanted, Math.max(0, Math.min(wanted, wanted - left)), haveBytes, t.geometry().pieceCount(),
                have.cardinality(), checked, down, t.uploadRate(), t.downloads().downloadedTotal(), t.uploadedTotal(),
                t.downloads().wastedTotal(), t.swarm().size(), t.swarm().book().knownCount(), seeds, left == 0 ? 0 : down > 0 ? left / down : -1,
                l.fastResumed, l.checkedPieces, t.saveDir().toString(), t.limits().downloadLimit(), t.limits().uploadLimit(),
                t.picker().isSequential(), t.addedAtMillis(), t.downloads().completedAtMillis(), t.connectionCap(),
                t.swarm().connectedBySource(), t.names().contentName());
    }

    /** Bytes of each file inside had pieces: one pass over files and their pieces, O(files + pieces). */
    static List<FileStats> files(Torrent t) {
        Bitfield claimed = t.lifecycle().claimedUnchecked();
        Bitfield have = claimed != null ? claimed : t.picker().haveBitfield();
        List<FileStats> out = new ArrayList<>(t.metainfo().files().size());
        for (FileEntry f : t.metainfo().files()) {
            out.add(new FileStats(f.index(), t.names().displayPath(f.index()), f.length(), bytesIn(t, f, have),
                    t.selection().priority(f.index()), f.padding()));
        }
        return out;
    }

    /** Bytes of file {@code f} inside the pieces of {@code have}. */
    private static long bytesIn(Torrent t, FileEntry f, Bitfield have) {
        long verified = 0;
        if (f.length() > 0) {
            long pieceLength = t.metainfo().pieceLength();
            long end = f.offset() + f.length();
            int last = (int) ((end - 1) / pieceLength);
            for (int p = (int) (f.offset() / pieceLength); p <= last; p++) {
                if (have.get(p)) {
                    long start = (long) p * pieceLength;
                    verified += Math.min(end, start + t.geometry().pieceSize(p)) - Math.max(f.offset(), start);
                }
            }
        }
        return verified;
    }

    /** Whether the pieces of {@code have} hold every selected byte (and something is selected). */
    static boolean finishedIn(Torrent t, Bitfield have) {
        long wanted = t.downloads().wantedBytes();
        return wanted > 0 && selectedBytesIn(t, have) >= wanted;
    }

    /** Bytes of the selected files inside the pieces of {@code have}. */
    private static long selectedBytesIn(Torrent t, Bitfield have) {
        long sum = 0;
        for (FileEntry f : t.metainfo().files()) {
            if (t.selection().isSelected(f.index())) {
                sum += bytesIn(t, f, have);
            }
        }
        return sum;
    }

    static List<PeerStats> peers(Torrent t) {
        long now = t.rt().now();
        List<PeerStats> out = new ArrayList<>(t.swarm().size());
        for (PeerConnection c : t.swarm().connections()) {
            int count = t.geometry().pieceCount();
            double progress = c.hasAll() || count == 0 ? 1.0 : (double) c.peerPieces().cardinality() / count;
            out.add(new PeerStats(c.address().getAddress().getHostAddress() + ":" + c.address().getPort(), c.client(),
                    c.outgoing(), c.amChoking(), c.amInterested(), c.isChokingUs(), c.isInterested(), c.hasAll(),
                    c.isSnubbed(), c.downloadRate.bytesPerSecond(now), c.uploadRate.bytesPerSecond(now),
                    c.downloadRate.totalBytes(), c.uploadRate.totalBytes(), c.requests.size(), c.hashFailures, progress,
                    Math.max(0, now - c.connectedAtMillis()), t.swarm().origin(c)));
        }
        return out;
    }

    /** Trackers as a torrent that was never live sees them (deduplicated, BEP 12 tiers). */
    static List<TrackerStatus> uncontactedTrackers(List<List<String>> tiers) {
        List<TrackerStatus> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int tier = 0; tier < tiers.size(); tier++) {
            for (String raw : tiers.get(tier)) {
                String url = raw == null ? "" : raw.strip();
                if (url.isEmpty() || !seen.add(url)) {
                    continue;
                }
                boolean supported = TrackerClient.scheme(url) != TrackerClient.Scheme.UNSUPPORTED;
                out.add(new TrackerStatus(url, tier, null,
                        supported ? TrackerStatus.Result.NOT_CONTACTED : TrackerStatus.Result.UNSUPPORTED,
                        supported ? null : "unsupported tracker scheme", 0, null, -1, -1));
            }
        }
        return out;
    }
}
