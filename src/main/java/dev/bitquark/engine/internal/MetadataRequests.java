package dev.bitquark.engine.internal;

import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.wire.ExtendedHandshake;
import dev.bitquark.wire.MessageWriter;
import dev.bitquark.wire.MetadataMessage;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BEP 9 from the fetching side: which peers can give metadata ({@code ut_metadata} and a
 * {@code metadata_size} of at most {@value MetadataExchange#MAX_FETCH_SIZE} bytes in their BEP 10
 * handshake), requests of 16 KiB pieces spread over at most {@value #MAX_SOURCES} peers at once,
 * timeouts and rejects (the piece goes to another peer, the peer waits a while), and the check of
 * the assembled info dictionary: its SHA-1 must be the info-hash. A mismatch drops the data and
 * blames its senders: a sole sender is banned; several senders each get a strike (two strikes ban)
 * and the next attempt takes every piece from one peer, so the next mismatch has one culprit.
 *
 * <p>Owned by the engine context, like its {@link MetadataFetch}; not thread-safe.
 */
final class MetadataRequests {
    /** Peers asked at once. */
    static final int MAX_SOURCES = 3;
    /** Requests outstanding per peer. */
    static final int PER_PEER = 2;
    static final long REQUEST_TIMEOUT_MS = 15_000;
    /** A peer that rejected or timed out is not asked again for this long. */
    static final long BACKOFF_MS = 10_000;
    /** Timeouts after which a peer is given up on (its connection closes). */
    static final int MAX_TIMEOUTS = 3;

    /** What we know of one connection's metadata. */
    private static final class Source {
        int remoteId;
        int size;
        int inFlight;
        long backoffUntil;
        int timeouts;
    }

    private final MetadataFetch f;
    private final Map<Integer, Source> sources = new HashMap<>();
    private final Map<String, Integer> strikes = new HashMap<>();
    private MetadataAssembly assembly;
    /** After a mismatch with several senders: every piece from one peer ({@link #soleSource}). */
    private boolean oneSourceOnly;
    private int soleSource = -1;
    private boolean verifying;

    MetadataRequests(MetadataFetch f) {
        this.f = f;
    }

    /** The peer's BEP 10 handshake arrived (it may come again: BEP 10 allows updates). */
    void onExtendedHandshake(PeerConnection c) {
        ExtendedHandshake h = c.extendedHandshake();
        Source s = sources.computeIfAbsent(c.key(), k -> new Source());
        s.remoteId = h.idOf(MetadataMessage.EXTENSION_NAME);
        s.size = h.metadataSize();
        if (s.remoteId != 0 && s.size > MetadataExchange.MAX_FETCH_SIZE) {
            // BEP 9 sets no bound; we allocate metadata_size bytes, so an absurd claim is refused up front.
            drop(c, "metadata_size " + s.size + " bytes is above our limit of " + MetadataExchange.MAX_FETCH_SIZE
                    + " bytes (BEP 9); not fetching from this peer");
            return;
        }
        requestMore();
    }

    /** A {@code ut_metadata} message for us; a malformed one throws and closes the connection. */
    void onMessage(PeerConnection c, ByteBuffer payload) {
        MetadataMessage m = MetadataMessage.decode(payload);
        Source s = sources.get(c.key());
        switch (m) {
            case MetadataMessage.Request r -> MetadataExchange.rejectWithoutMetadata(c, payload);
            case MetadataMessage.Data d -> onData(c, s, d);
            case MetadataMessage.Reject r -> onReject(c, s, r.piece());
            case MetadataMessage.Unknown u -> { } // BEP 9: ignore unknown message types
        }
    }

    private void onData(PeerConnection c, Source s, MetadataMessage.Data d) {
        if (s == null || s.size == 0) {
            drop(c, "ut_metadata: data without a metadata_size in its extended handshake (BEP 9)");
            return;
        }
        if (d.totalSize() != s.size) {
            drop(c, "ut_metadata: total_size " + d.totalSize() + " differs from its metadata_size " + s.size
                    + " (BEP 9)");
            return;
        }
        if (assembly == null || assembly.size != s.size || !assembly.isRequestedFrom(d.piece(), c.key())) {
            return; // not asked for, or asked for before a reset or a timeout: harmless, dropped
        }
        s.inFlight--;
        assembly.put(d.piece(), d.data(), PeerBook.banKey(c.address()));
        if (assembly.isComplete()) {
            verify();
        } else {
            requestMore();
        }
    }

    private void onReject(PeerConnection c, Source s, int piece) {
        if (assembly != null && s != null && s.size == assembly.size && piece >= assembly.pieceCount) {
            drop(c, "ut_metadata: reject of piece " + piece + " outside 0.." + (assembly.pieceCount - 1) + " (BEP 9)");
            return;
        }
        if (assembly == null || s == null || !assembly.isRequestedFrom(piece, c.key())) {
            return;
        }
        assembly.release(piece);
        s.inFlight--;
        s.backoffUntil = f.rt.now() + BACKOFF_MS;
        if (soleSource == c.key()) {
            soleSource = -1; // the single source of this attempt will not answer: another one takes over
        }
        f.problem(c + " rejected metadata piece " + piece + " (BEP 9); asking other peers");
        requestMore();
    }

    void onPeerGone(PeerConnection c) {
        sources.remove(c.key());
        if (assembly != null) {
            assembly.releaseAll(c.key());
        }
        if (soleSource == c.key()) {
            soleSource = -1;
        }
        requestMore();
    }

    /** Once a second: requests past their deadline go to other peers. */
    void tick(long now) {
        if (assembly == null) {
            requestMore();
            return;
        }
        for (int piece : assembly.expired(now)) {
            int key = assembly.requestedBy(piece);
            assembly.release(piece);
            Source s = sources.get(key);
            PeerConnection c = f.swarm.connection(key);
            if (s == null || c == null) {
                continue;
            }
            s.inFlight--;
            s.timeouts++;
            s.backoffUntil = now + BACKOFF_MS;
            if (soleSource == key) {
                soleSource = -1;
            }
            if (s.timeouts >= MAX_TIMEOUTS) {
                drop(c, "ut_metadata: " + s.timeouts + " requests unanswered for " + REQUEST_TIMEOUT_MS / 1000 + " s");
            } else {
                f.problem(c + " did not answer for metadata piece " + piece + " in " + REQUEST_TIMEOUT_MS / 1000
                        + " s; asking other peers");
            }
        }
        requestMore();
    }

    /** Sends requests to the peers that can answer, within the per-peer and parallel limits. */
    void requestMore() {
        if (verifying || f.state != TorrentState.METADATA) {
            return;
        }
        long now = f.rt.now();
        if (assembly != null && assembly.haveCount() == 0 && !hasSource(assembly.size, now)) {
            // Nobody left who claims this size (a peer lied about it, or left): start over with another size.
            assembly = null;
        }
        if (assembly == null) {
            for (PeerConnection c : f.swarm.connections()) {
                Source s = sources.get(c.key());
                if (usable(s, now)) {
                    assembly = new MetadataAssembly(s.size);
                    break;
                }
            }
            if (assembly == null) {
                return;
            }
        }
        int active = 0;
        for (Source s : sources.values()) {
            active += s.inFlight > 0 ? 1 : 0;
        }
        List<PeerConnection> candidates = new ArrayList<>(f.swarm.connections());
        for (PeerConnection c : candidates) {
            Source s = sources.get(c.key());
            if (!usable(s, now) || s.size != assembly.size) {
                continue;
            }
            if (oneSourceOnly) {
                if (soleSource < 0) {
                    soleSource = c.key();
                } else if (soleSource != c.key()) {
                    continue;
                }
            } else if (s.inFlight == 0 && active >= MAX_SOURCES) {
                continue;
            }
            boolean wasIdle = s.inFlight == 0;
            while (s.inFlight < PER_PEER) {
                int piece = assembly.nextFree();
                if (piece < 0) {
                    return;
                }
                assembly.requested(piece, c.key(), now + REQUEST_TIMEOUT_MS);
                s.inFlight++;
                c.send(MessageWriter.extended(s.remoteId, new MetadataMessage.Request(piece).encode()));
            }
            active += wasIdle ? 1 : 0;
        }
    }

    /** Whether a connection claiming {@code size} can be asked now or has requests out. */
    private boolean hasSource(int size, long now) {
        for (Source s : sources.values()) {
            if (s.size == size && (s.inFlight > 0 || usable(s, now))) {
                return true;
            }
        }
        return false;
    }

    private static boolean usable(Source s, long now) {
        return s != null && s.remoteId != 0 && s.size > 0 && s.size <= MetadataExchange.MAX_FETCH_SIZE
                && s.backoffUntil <= now;
    }

    /** Every piece is in: SHA-1 and parse on the hash pool, then finish or blame the senders. */
    private void verify() {
        MetadataAssembly done = assembly;
        Set<String> senders = done.senders();
        verifying = true;
        int epoch = f.epoch;
        InfoHash expected = f.magnet.infoHash();
        List<List<String>> tiers = f.tiers();
        f.rt.onHashPool(() -> check(done.bytes(), expected, tiers)).onComplete(ar -> {
            verifying = false;
            if (epoch != f.epoch || assembly != done) {
                return; // paused, removed or reset meanwhile
            }
            assembly = null;
            if (ar.failed()) {
                f.fail("cannot check the metadata: " + ar.cause());
                return;
            }
            Checked result = ar.result();
            if (result.meta() != null) {
                f.completed(result.meta());
            } else if (result.parseError() != null) {
                // The hash matches, so this is the torrent itself: no other peer has anything better.
                f.fail("the metadata (info dictionary) is not a usable torrent: " + result.parseError());
            } else {
                mismatch(senders, result.actual());
            }
        });
    }

    /** Outcome of {@link #check}: the torrent, or why not (hash mismatch: {@code actual}, else a parse error). */
    private record Checked(Metainfo meta, InfoHash actual, String parseError) {
    }

    private static Checked check(byte[] info, InfoHash expected, List<List<String>> tiers) throws NoSuchAlgorithmException {
        InfoHash actual = InfoHash.of(MessageDigest.getInstance("SHA-1").digest(info));
        if (!actual.equals(expected)) {
            return new Checked(null, actual, null);
        }
        try {
            return new Checked(Metainfo.fromInfoDict(info, tiers, expected), actual, null);
        } catch (BadTorrentException e) {
            return new Checked(null, actual, e.getMessage());
        }
    }

    private void mismatch(Set<String> senders, InfoHash actual) {
        f.problem("metadata from " + String.join(", ", senders) + " has SHA-1 " + actual.toHex()
                + ", not the info-hash (BEP 9); dropped");
        if (senders.size() == 1) {
            f.ban(senders.iterator().next());
        } else {
            for (String s : senders) {
                if (strikes.merge(s, 1, Integer::sum) >= 2) {
                    f.ban(s);
                }
            }
            oneSourceOnly = true;
            soleSource = -1;
        }
        for (Source s : sources.values()) {
            s.inFlight = 0;
        }
        requestMore();
    }

    /** Closes a connection whose metadata cannot be used, saying why. */
    private void drop(PeerConnection c, String reason) {
        f.problem(c + ": " + reason);
        c.close(reason);
    }

    /** Forgets every request (the fetch stopped). */
    void reset() {
        assembly = null;
        verifying = false;
        sources.clear();
        soleSource = -1;
    }

    int size() {
        return assembly == null ? 0 : assembly.size;
    }

    int piecesHave() {
        return assembly == null ? 0 : assembly.haveCount();
    }

    int piecesTotal() {
        return assembly == null ? 0 : assembly.pieceCount;
    }

    int peersWithMetadata() {
        int n = 0;
        for (Source s : sources.values()) {
            n += s.remoteId != 0 && s.size > 0 && s.size <= MetadataExchange.MAX_FETCH_SIZE ? 1 : 0;
        }
        return n;
    }

    int inFlight(PeerConnection c) {
        Source s = sources.get(c.key());
        return s == null ? 0 : s.inFlight;
    }
}
