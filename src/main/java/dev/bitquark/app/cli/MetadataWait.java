package dev.bitquark.app.cli;

import dev.bitquark.engine.MetadataProgress;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.tracker.TrackerStatus;
import java.util.List;

/** Why a magnet link's metadata did not come, in words for the command line. Stateless. */
final class MetadataWait {
    private MetadataWait() {
    }

    /** The message after {@code seconds} without the metadata: what was tried and what answered. */
    static String gaveUp(long seconds, TorrentStats s, MetadataProgress m, List<TrackerStatus> trackers) {
        StringBuilder b = new StringBuilder("no peer sent the torrent's metadata within ").append(seconds)
                .append(" s (--metadata-timeout; 0 waits for ever): ");
        if (trackers.isEmpty()) {
            b.append("no trackers");
        } else {
            long ok = trackers.stream().filter(t -> t.lastResult() == TrackerStatus.Result.OK).count();
            b.append(trackers.size()).append(trackers.size() == 1 ? " tracker, " : " trackers, ").append(ok)
                    .append(" answered");
            trackers.stream().filter(t -> t.lastResult() == TrackerStatus.Result.ERROR && t.message() != null)
                    .findFirst().ifPresent(t -> b.append(" (").append(t.url()).append(": ").append(t.message())
                            .append(')'));
        }
        b.append("; ").append(s.peersKnown()).append(" peers known, ").append(s.peersConnected())
                .append(" connected, ").append(m.peersWithMetadata()).append(" with metadata");
        if (!m.problems().isEmpty()) {
            b.append("; last problem: ").append(m.problems().getLast());
        }
        return b.toString();
    }
}
