package dev.bitquark.app.compat;

import dev.bitquark.metainfo.InfoHash;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small numbers for torrents, stable for the life of the process: Transmission's RPC and its remotes name
 * torrents by them ({@code transmission-remote -t 3}), as Transmission does (its ids too are per process). A torrent
 * gets its number the first time a compatibility API lists it; numbers are never reused. Thread-safe.
 */
public final class TorrentIds {
    private final Map<InfoHash, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, InfoHash> hashes = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);

    public int id(InfoHash h) {
        return ids.computeIfAbsent(h, k -> {
            int id = next.getAndIncrement();
            hashes.put(id, k);
            return id;
        });
    }

    /** The torrent with that number, or null. */
    public InfoHash hash(int id) {
        return hashes.get(id);
    }
}
