package dev.bitquark.app.ui;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Random;

/** A snapshot frame of many made-up torrents in the exact shape the server sends, for UI scale checks. */
final class SyntheticSnapshot {
    private SyntheticSnapshot() {
    }

    static String json(int count) {
        Random r = new Random(42);
        JsonArray torrents = new JsonArray();
        String[] states = {"live", "live", "paused", "checking", "metadata", "error"};
        for (int i = 0; i < count; i++) {
            long total = 1L + r.nextInt(1 << 30);
            double progress = r.nextDouble();
            String state = states[i % states.length];
            torrents.add(new JsonObject()
                    .put("id", String.format(Locale.ROOT, "%040x", i + 1))
                    .put("name", "Synthetic torrent " + i + " " + Long.toHexString(r.nextLong()))
                    .put("state", state).put("finished", progress > 0.9).putNull("error")
                    .put("progress", progress).put("totalBytes", total).put("wantedBytes", total)
                    .put("verifiedBytes", (long) (total * progress)).put("pieceCount", 100).put("havePieces", 50)
                    .put("checkedFraction", 1.0).put("downloadRate", r.nextInt(1 << 20)).put("uploadRate", r.nextInt(1 << 18))
                    .put("downloadedTotal", total / 2).put("uploadedTotal", total / 3).put("ratio", 0.66)
                    .put("peersConnected", r.nextInt(50)).put("peersKnown", 50 + r.nextInt(200))
                    .put("seedsConnected", r.nextInt(10)).put("etaSeconds", r.nextInt(100_000))
                    .put("fastResumed", false).put("checkedPieces", 100).put("saveDir", "/downloads")
                    .put("downloadLimit", 0).put("uploadLimit", 0).put("sequential", false).put("maxConnections", 50)
                    .put("addedAt", "2026-12-01T10:00:00Z").putNull("completedAt"));
        }
        JsonObject session = new JsonObject().put("torrents", count).put("metadata", 0).put("checking", 0)
                .put("live", count).put("seeding", 0).put("paused", 0).put("error", 0).put("downloadRate", 1000)
                .put("uploadRate", 100).put("downloadedTotal", 0).put("uploadedTotal", 0).put("peersConnected", 0)
                .put("connections", 0).put("downloadLimit", 0).put("uploadLimit", 0).put("maxConnections", 200)
                .put("maxConcurrentChecks", 2).put("checksWaiting", 0).put("hashFailures", 0).put("diskQueue", 0)
                .put("announcesOk", 0).put("announcesFailed", 0);
        JsonObject history = new JsonObject().put("times", new JsonArray()).put("download", new JsonArray())
                .put("upload", new JsonArray());
        return new JsonObject().put("type", "snapshot").put("seq", 1).put("torrents", torrents).put("session", session)
                .put("history", history).put("events", new JsonArray()).encode();
    }
}
