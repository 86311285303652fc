package dev.bitquark.app.api;

import dev.bitquark.engine.TorrentStats;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A torrent with its live stats, as the API shows it (camelCase keys; id = 40-hex info-hash; times
 * ISO-8601 UTC; rate limits in bytes/s, 0 = unlimited; {@code maxConnections}: this torrent's
 * connection limit; {@code peersBySource}: connected peers by where they were learned — tracker, dht, pex, lsd, user,
 * saved, incoming — with only the sources that have some; {@code category} and {@code tags}: what it is filed
 * under; {@code seedGoals}: its own (-2 = the session's, -1 = none), {@code effectiveSeedGoals}: those in force;
 * {@code goalReached}: the seeding goal it reached (why it stopped), or null; {@code forced}: runs whatever the
 * queue; {@code queuePosition}: 0 first; {@code downloadingSeconds}/{@code seedingSeconds}: time running, in whole
 * minutes; {@code lastActivityAt}: when data last moved, or null; {@code firstLastPiecePriority}: the first and
 * last piece of each wanted file come first; {@code contentName}: where the data is in {@code saveDir}, the
 * torrent's folder or its one file, after renames; {@code customName}: {@code name} is one the user gave it).
 */
public record TorrentDto(
        String id,
        String name,
        String state,
        boolean finished,
        @Schema(nullable = true) String error,
        double progress,
        long totalBytes,
        long wantedBytes,
        long verifiedBytes,
        int pieceCount,
        int havePieces,
        double checkedFraction,
        long downloadRate,
        long uploadRate,
        long downloadedTotal,
        long uploadedTotal,
        double ratio,
        int peersConnected,
        int peersKnown,
        int seedsConnected,
        long etaSeconds,
        boolean fastResumed,
        long checkedPieces,
        String saveDir,
        long downloadLimit,
        long uploadLimit,
        boolean sequential,
        int maxConnections,
        String addedAt,
        @Schema(nullable = true) String completedAt,
        java.util.Map<String, Integer> peersBySource,
        @Schema(nullable = true) String category,
        java.util.List<String> tags,
        SeedGoalsDto seedGoals,
        SeedGoalsDto effectiveSeedGoals,
        @Schema(nullable = true) String goalReached,
        boolean forced,
        int queuePosition,
        long downloadingSeconds,
        long seedingSeconds,
        @Schema(nullable = true) String lastActivityAt,
        boolean firstLastPiecePriority,
        String contentName,
        boolean customName) {

    public static TorrentDto of(TorrentStats s) {
        return new TorrentDto(s.infoHash().toHex(), s.name(), s.state().name().toLowerCase(Locale.ROOT), s.finished(),
                s.error(), s.progress(), s.totalBytes(), s.wantedBytes(), s.verifiedBytes(), s.pieceCount(),
                s.havePieces(), s.checkedFraction(), s.downloadRate(), s.uploadRate(), s.downloadedTotal(),
                s.uploadedTotal(), (double) s.uploadedTotal() / Math.max(1, s.downloadedTotal()), s.peersConnected(),
                s.peersKnown(), s.seedsConnected(), s.etaSeconds(), s.fastResumed(),
                s.checkedPieces(), s.saveDir(), s.downloadLimit(), s.uploadLimit(), s.sequential(), s.maxConnections(),
                Instant.ofEpochMilli(s.addedAtMillis()).toString(),
                s.completedAtMillis() > 0 ? Instant.ofEpochMilli(s.completedAtMillis()).toString() : null,
                sources(s.peersBySource()), s.policy().category(), s.policy().tags(),
                SeedGoalsDto.of(s.policy().goals()), SeedGoalsDto.of(s.effectiveGoals()), s.goalReached(),
                s.policy().forced(), s.queuePosition(), s.times().downloadingSeconds(), s.times().seedingSeconds(),
                s.times().lastActivityMillis() > 0 ? Instant.ofEpochMilli(s.times().lastActivityMillis()).toString()
                        : null, s.policy().firstLastPieces(), s.contentName(), s.policy().name() != null);
    }

    private static java.util.Map<String, Integer> sources(java.util.Map<dev.bitquark.engine.PeerOrigin, Integer> m) {
        if (m.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k.name().toLowerCase(Locale.ROOT), v));
        return out;
    }
}
