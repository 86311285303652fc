package dev.bitquark.app.compat.qbittorrent;

import dev.bitquark.app.compat.CompatTorrents;
import dev.bitquark.app.compat.CompatTorrents.Refused;
import dev.bitquark.engine.QueueMove;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code torrents/add}: every uploaded file (whatever its field name: Sonarr sends {@code torrents}, the npm client
 * {@code file}) and every line of {@code urls} (magnet links, http(s) URLs), with the options qBittorrent reads:
 * {@code savepath}, {@code category} (created if new, as qBittorrent does; its folder when no savepath is given),
 * {@code tags}, {@code stopped} (4.x: {@code paused}), {@code ratioLimit}, {@code seedingTimeLimit},
 * {@code inactiveSeedingTimeLimit}, {@code sequentialDownload}, {@code upLimit}, {@code dlLimit}, {@code forced},
 * {@code firstLastPiecePrio}, {@code addToTopOfQueue}, {@code rename} (the name it is shown by). The answer is
 * qBittorrent 5.1's: "Ok." if at least one torrent was added, else "Fails." (a torrent already there counts as a
 * failure, as there); a file that is not a torrent is a 415. Options it has no counterpart for ({@code autoTMM},
 * {@code contentLayout}, {@code skip_checking}) are ignored.
 */
final class QbAdd {
    /** Most files and URLs in one add. */
    static final int MAX_SOURCES = 100;

    private QbAdd() {
    }

    static CompletionStage<QbReply> add(CompatTorrents torrents, QbRequest r) {
        Path dir = null;
        String savepath = r.param("savepath", r.param("savePath", ""));
        if (!savepath.isBlank()) {
            try {
                dir = torrents.insideDownloads(savepath.strip(), "savepath");
            } catch (Refused e) {
                throw QbReply.error(400, e.getMessage());
            }
        }
        TorrentPolicy policy;
        try {
            String category = r.param("category", "");
            double ratio = r.decimal("ratioLimit", SeedGoals.SESSION);
            long seeding = r.number("seedingTimeLimit", SeedGoals.SESSION);
            long idle = r.number("inactiveSeedingTimeLimit", SeedGoals.SESSION);
            policy = new TorrentPolicy(category.isBlank() ? null : category, TorrentInfo.tags(r.param("tags", "")),
                    new SeedGoals(ratio < 0 && ratio != SeedGoals.SESSION ? SeedGoals.NONE : ratio,
                            seeding < 0 && seeding != SeedGoals.SESSION ? SeedGoals.NONE : seeding,
                            idle < 0 && idle != SeedGoals.SESSION ? SeedGoals.NONE : idle),
                    r.flag("forced", false), r.flag("firstLastPiecePrio", false), r.param("rename", null));
        } catch (IllegalArgumentException e) {
            throw QbReply.error(400, e.getMessage());
        }
        boolean stopped = r.flag("stopped", r.flag("paused", false));
        CompatTorrents.AddRequest req = new CompatTorrents.AddRequest(dir, stopped, policy, null,
                r.flag("sequentialDownload", false), Math.max(0, r.number("dlLimit", 0)),
                Math.max(0, r.number("upLimit", 0)));
        List<String> urls = new ArrayList<>();
        for (String line : r.param("urls", "").split("\n")) {
            if (!line.isBlank()) {
                urls.add(line.strip());
            }
        }
        if (r.files().size() + urls.size() > MAX_SOURCES) {
            throw QbReply.error(400, (r.files().size() + urls.size()) + " torrents in one add; at most " + MAX_SOURCES);
        }
        List<CompletableFuture<CompatTorrents.Added>> adds = new ArrayList<>();
        for (byte[] file : r.files()) {
            adds.add(torrents.addTorrent(file, req).toCompletableFuture());
        }
        for (String url : urls) {
            adds.add(torrents.addSource(url, req).toCompletableFuture());
        }
        if (adds.isEmpty()) {
            throw QbReply.error(400, "no torrent given: send files or urls");
        }
        boolean top = r.flag("addToTopOfQueue", false);
        return CompletableFuture.allOf(adds.stream().map(f -> f.handle((a, e) -> a))
                .toArray(CompletableFuture[]::new)).thenCompose(v -> {
                    int added = 0;
                    List<dev.bitquark.metainfo.InfoHash> fresh = new ArrayList<>();
                    Throwable badFile = null;
                    for (CompletableFuture<CompatTorrents.Added> f : adds) {
                        if (f.isCompletedExceptionally()) {
                            Throwable e = f.handle((a, x) -> x).join();
                            Throwable c = e.getCause() != null ? e.getCause() : e;
                            if (c instanceof Refused rf && rf.kind() == Refused.Kind.BAD_TORRENT) {
                                badFile = c;
                            }
                            continue;
                        }
                        CompatTorrents.Added a = f.join();
                        if (!a.duplicate()) {
                            added++;
                            fresh.add(a.hash());
                        }
                    }
                    if (added == 0 && badFile != null && adds.size() == 1) {
                        throw QbReply.error(415, "Torrent file is not valid.");
                    }
                    QbReply reply = added > 0 ? QbReply.OK : QbReply.text("Fails.");
                    if (top && !fresh.isEmpty()) {
                        return torrents.session().queueMove(fresh, QueueMove.TOP).thenApply(x -> reply);
                    }
                    return CompletableFuture.completedFuture(reply);
                });
    }
}
