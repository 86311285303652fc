package dev.bitquark.lsd;

import dev.bitquark.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each torrent is announced next, and which announces go out together.
 *
 * <p>A torrent (info-hash and peer port) is due when added and then every interval after it was sent,
 * as libtorrent re-announces each torrent once per {@code local_service_announce_interval}. It is never
 * sent twice within one interval, even when it is stopped and added again meanwhile. Due torrents with
 * the same peer port share packets, up to {@link LsdMessage#MAX_INFO_HASHES} each (BEP 14 allows several
 * Infohash headers); a packet that has room is topped up with torrents of its port due within the next
 * quarter interval, so a steady state converges on full packets instead of one per torrent.
 *
 * <p>Pure and single-threaded; time is the caller's (nanoseconds, compared by difference).
 */
final class AnnounceSchedule {
    /** One announced torrent. */
    record Key(InfoHash infoHash, int port) {
    }

    /** One packet to send: a peer port and its info-hashes. */
    record Packet(int port, List<InfoHash> infoHashes) {
    }

    private static final class Entry {
        final Key key;
        int refs;
        long due;

        Entry(Key key, long due) {
            this.key = key;
            this.due = due;
        }
    }

    private final long intervalNanos;
    private final long earlyNanos;
    private final int perPacket;
    private final Map<Key, Entry> entries = new HashMap<>();
    private final Map<Key, Long> lastSent = new HashMap<>();

    AnnounceSchedule(long intervalNanos, int perPacket) {
        if (intervalNanos < 1 || perPacket < 1) {
            throw new IllegalArgumentException("interval and packet size must be positive");
        }
        this.intervalNanos = intervalNanos;
        this.earlyNanos = intervalNanos / 4;
        this.perPacket = perPacket;
    }

    /** Adds a registration of {@code infoHash} with {@code port}; several of the same count once. */
    void add(InfoHash infoHash, int port, long now) {
        Key key = new Key(infoHash, port);
        Entry e = entries.get(key);
        if (e == null) {
            Long last = lastSent.get(key);
            long due = last != null && now - last < intervalNanos ? last + intervalNanos : now;
            e = new Entry(key, due);
            entries.put(key, e);
        }
        e.refs++;
    }

    /** Removes one registration; the torrent stops being announced when none is left. */
    void remove(InfoHash infoHash, int port) {
        Key key = new Key(infoHash, port);
        Entry e = entries.get(key);
        if (e != null && --e.refs <= 0) {
            entries.remove(key);
        }
    }

    /** Distinct info-hashes announced. */
    int torrents() {
        Set<InfoHash> distinct = new HashSet<>();
        for (Key k : entries.keySet()) {
            distinct.add(k.infoHash());
        }
        return distinct.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** When the earliest torrent is due, or {@code now + interval} if there is none. */
    long nextDue(long now) {
        long best = now + intervalNanos;
        for (Entry e : entries.values()) {
            if (e.due - best < 0) {
                best = e.due;
            }
        }
        return best;
    }

    /**
     * Takes up to {@code maxPackets} packets of due torrents, earliest first, and marks their torrents
     * sent at {@code now}. Torrents left over stay due.
     */
    List<Packet> takeDue(long now, int maxPackets) {
        lastSent.values().removeIf(t -> now - t >= intervalNanos);
        if (maxPackets <= 0 || entries.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<Entry>> byPort = new HashMap<>();
        for (Entry e : entries.values()) {
            if (e.due - now <= earlyNanos) {
                byPort.computeIfAbsent(e.key.port(), p -> new ArrayList<>()).add(e);
            }
        }
        Comparator<Entry> earliest = Comparator.comparingLong(e -> e.due - now);
        List<List<Entry>> candidates = new ArrayList<>();
        for (List<Entry> list : byPort.values()) {
            list.sort(earliest);
            for (int i = 0; i < list.size(); i += perPacket) {
                List<Entry> chunk = list.subList(i, Math.min(list.size(), i + perPacket));
                if (chunk.get(0).due - now <= 0) {
                    candidates.add(chunk);  // sorted: a chunk whose first is not due has nothing due
                }
            }
        }
        candidates.sort(Comparator.comparingLong(c -> c.get(0).due - now));
        List<Packet> packets = new ArrayList<>(Math.min(maxPackets, candidates.size()));
        for (List<Entry> chunk : candidates.subList(0, Math.min(maxPackets, candidates.size()))) {
            List<InfoHash> hashes = new ArrayList<>(chunk.size());
            for (Entry e : chunk) {
                hashes.add(e.key.infoHash());
                e.due = now + intervalNanos;
                lastSent.put(e.key, now);
            }
            packets.add(new Packet(chunk.get(0).key.port(), List.copyOf(hashes)));
        }
        return packets;
    }
}
