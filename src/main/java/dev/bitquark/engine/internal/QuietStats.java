package dev.bitquark.engine.internal;

import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;

/**
 * A torrent's stats, kept while it is quiet and nothing changes. A session samples every torrent every second
 * (events, metrics); with 5,000 torrents, walking each one's parts (picker, swarm, rates, files) cost most of
 * an idle server's CPU (bench/many.sh), though almost none of them move. A torrent is quiet when it has no
 * connection and is dialing none, is not checking and shows no transfer rate; then only what its notifier
 * reports (state, settings, pieces, a move) or a change in the peers it knows can change its stats. The kept
 * stats are dropped on the first of those, and after {@link #MAX_AGE_MILLIS} in any case. Engine context only.
 */
final class QuietStats {
    /** Kept stats are taken again after this long even if nothing seemed to change: a bound, not a cadence. */
    static final long MAX_AGE_MILLIS = 10_000;

    private TorrentStats kept;
    private long keptChanges;
    private long keptAt;

    TorrentStats get(Torrent t) {
        long now = t.rt().now();
        long changes = t.notifier().changes();
        Swarm swarm = t.swarm();
        if (kept != null && keptChanges == changes && now - keptAt < MAX_AGE_MILLIS && quiet(swarm)
                && kept.peersKnown() == swarm.book().knownCount()) {
            return kept;
        }
        TorrentStats s = TorrentViews.stats(t);
        boolean keep = quiet(swarm) && s.state() != TorrentState.CHECKING && s.downloadRate() == 0 && s.uploadRate() == 0;
        kept = keep ? s : null;
        keptChanges = changes;
        keptAt = now;
        return s;
    }

    private static boolean quiet(Swarm swarm) {
        return swarm.size() == 0 && swarm.dialing() == 0;
    }
}
