package dev.bitquark.app.compat.qbittorrent;

import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;

/** The stats fixture of {@link QbMappingTest}, for the Transmission mapping's tests. */
public final class QbMappingTestAccess {
    private QbMappingTestAccess() {
    }

    public static TorrentStats stats(TorrentState state, boolean finished, long down, long up, TorrentPolicy policy) {
        return QbMappingTest.stats(state, finished, down, up, policy);
    }
}
