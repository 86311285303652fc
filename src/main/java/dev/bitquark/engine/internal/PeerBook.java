package dev.bitquark.engine.internal;

import dev.bitquark.engine.PeerOrigin;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peers one torrent knows about (from trackers, the user, incoming connections), which of them
 * to dial next, and which are banned. Bounded: at most {@code maxKnown} addresses. Failed dials back
 * off exponentially. Owned by the engine context; not thread-safe.
 */
public final class PeerBook {
    static final class Entry {
        final InetSocketAddress address;
        final PeerOrigin source;
        boolean connected;
        /** A connection to it was established at least once. */
        boolean everConnected;
        boolean connecting;
        int failures;
        long nextAttemptAt;
        boolean seed;

        Entry(InetSocketAddress address, PeerOrigin source) {
            this.address = address;
            this.source = source;
        }
    }

    private final int maxKnown;
    private final Map<InetSocketAddress, Entry> known = new HashMap<>();
    private final Set<String> banned = new HashSet<>();
    private final Set<InetSocketAddress> self = new HashSet<>();

    public PeerBook(int maxKnown) {
        this.maxKnown = maxKnown;
    }

    /**
     * The identity a ban applies to: the IP address, so a banned peer cannot come back from another
     * port. Loopback peers are told apart by port, since every peer of a local test shares 127.0.0.1.
     */
    public static String banKey(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return a.getAddress() != null && a.getAddress().isLoopbackAddress() ? host + ":" + a.getPort() : host;
    }

    /** Adds addresses; returns how many were new. Unresolved, port-0, self and banned ones are skipped. */
    public int add(List<InetSocketAddress> addresses, PeerOrigin source) {
        int added = 0;
        for (InetSocketAddress a : addresses) {
            if (a == null || a.isUnresolved() || a.getPort() <= 0 || self.contains(a) || isBanned(a)) {
                continue;
            }
            if (known.size() >= maxKnown && !known.containsKey(a)) {
                if (!evictOne()) {
                    break;
                }
            }
            if (known.putIfAbsent(a, new Entry(a, source)) == null) {
                added++;
            }
        }
        return added;
    }

    /** Drops one idle address that failed before, to make room. */
    private boolean evictOne() {
        Iterator<Entry> it = known.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (!e.connected && !e.connecting && e.failures > 0) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /**
     * Up to {@code max} addresses to dial now, marked as connecting. Seeds are kept in the book while
     * we are complete ({@code skipSeeds}) so they can be dialed again if more files get selected.
     */
    public List<InetSocketAddress> nextToDial(int max, long now, boolean skipSeeds) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (max <= 0) {
            return out;
        }
        for (Entry e : known.values()) {
            if (out.size() >= max) {
                break;
            }
            if (!e.connected && !e.connecting && e.nextAttemptAt <= now && !(skipSeeds && e.seed)) {
                e.connecting = true;
                out.add(e.address);
            }
        }
        return out;
    }

    public void onConnected(InetSocketAddress a) {
        Entry e = known.get(a);
        if (e != null) {
            e.connecting = false;
            e.connected = true;
            e.everConnected = true;
            e.failures = 0;
        }
    }

    /** A dial failed or a connection ended; {@code failed} backs the next attempt off. */
    public void onDisconnected(InetSocketAddress a, boolean failed, long now) {
        Entry e = known.get(a);
        if (e == null) {
            return;
        }
        e.connecting = false;
        e.connected = false;
        if (failed) {
            e.failures++;
        }
        // 2 s, 4 s, 8 s ... up to 5 minutes between attempts at the same address.
        long backoff = Math.min(300_000L, 1_000L << Math.min(18, Math.max(1, e.failures)));
        e.nextAttemptAt = now + backoff;
    }

    /** Lets every idle address be dialed now (resume, reannounce, more files selected); failures still count. */
    public void retryNow() {
        for (Entry e : known.values()) {
            e.nextAttemptAt = 0;
        }
    }

    public void markSeed(InetSocketAddress a) {
        Entry e = known.get(a);
        if (e != null) {
            e.seed = true;
        }
    }

    public void ban(InetSocketAddress a) {
        banned.add(banKey(a));
        known.remove(a);
    }

    /** Bans by key ({@link #banKey}): bans carried over from another book of the same torrent. */
    public void banKeys(Set<String> keys) {
        banned.addAll(keys);
        known.keySet().removeIf(this::isBanned);
    }

    /**
     * Up to {@code max} addresses worth dialing at the next start, best first: connected now, connected before,
     * given by the user or kept from an earlier run, then the rest with the fewest failed dials. Trackers give their
     * peers again, so this matters most for peers that came from elsewhere.
     */
    public List<InetSocketAddress> worthKeeping(int max) {
        List<Entry> all = new ArrayList<>(known.values());
        // A stable order (ties by address): the same peers give the same resume data, which is then not rewritten.
        all.sort(java.util.Comparator.comparingInt(PeerBook::rank).thenComparingInt((Entry e) -> e.failures)
                .thenComparing(e -> e.address.toString()));
        List<InetSocketAddress> out = new ArrayList<>(Math.min(max, all.size()));
        for (Entry e : all) {
            if (out.size() >= max) {
                break;
            }
            if (e.address.getAddress() != null && (rank(e) < 3 || e.failures == 0)) {
                out.add(e.address);
            }
        }
        return out;
    }

    private static int rank(Entry e) {
        if (e.connected) {
            return 0;
        }
        if (e.everConnected) {
            return 1;
        }
        return e.source == PeerOrigin.USER || e.source == PeerOrigin.SAVED ? 2 : 3;
    }

    /** Known addresses, for handing them to another book of the same torrent. */
    public List<InetSocketAddress> addresses() {
        return new ArrayList<>(known.keySet());
    }

    public boolean isBanned(InetSocketAddress a) {
        return banned.contains(banKey(a));
    }

    public Set<String> banned() {
        return Set.copyOf(banned);
    }

    /** Our own listen addresses: never dial them (trackers return us to ourselves). */
    public void addSelf(InetSocketAddress a) {
        self.add(a);
        known.remove(a);
    }

    /** Where the book learned {@code a}; {@link PeerOrigin#INCOMING} if it does not know it. */
    public PeerOrigin origin(InetSocketAddress a) {
        Entry e = known.get(a);
        return e == null ? PeerOrigin.INCOMING : e.source;
    }

    public int knownCount() {
        return known.size();
    }
}
