package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.TorrentGeometry;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the peers that send corrupt data. A piece hash (BEP 3) only says that some block of the piece is bad,
 * not whose. So when a piece fails, the SHA-1 of every block is recorded with the peer that sent it; when the
 * piece is later downloaded again and passes, each recorded block hash is compared with the good block: peers
 * whose block differed are proven guilty and banned, peers whose blocks matched are cleared. Honest peers are
 * therefore never banned by proof.
 *
 * <p>Without proof, two rules still catch a corrupting peer: a peer that sent every block of a failed piece is
 * banned at once (nobody else could have spoiled it), and a peer with {@code strikesToBan} strikes is banned. A
 * strike is a tracked failed piece the peer contributed to that is still unexplained: not yet passed, and with
 * no banned peer among that failure's contributors. So strikes are taken back as soon as the piece passes or the
 * culprit is found; they only add up against a peer that keeps showing up in failures nobody else explains.
 * (Two peers that always send halves of the same pieces cannot be told apart without proof.)
 *
 * <p>{@code K} is the identity bans apply to (typically the peer's IP address, so a reconnect does not escape
 * the ban). Memory is bounded: at most {@code maxTrackedPieces} failed pieces are remembered, oldest dropped
 * first, and at most {@link #MAX_FAILURES_PER_PIECE} failures each.
 *
 * <p>Not thread-safe: owned by the torrent's engine context (hashing the block data is cheap next to hashing the
 * piece, and happens where the piece data already is).
 */
public final class SmartBan<K> {
    public static final int DEFAULT_STRIKES = 5;
    public static final int DEFAULT_TRACKED_PIECES = 1024;
    public static final int MAX_FAILURES_PER_PIECE = 8;
    private static final int BLOCK = TorrentGeometry.BLOCK_SIZE;

    /** One block of one failed download: who sent it and what it hashed to. */
    private record BlockRecord(int block, byte[] sha1) {
    }

    private final int strikesToBan;
    private final int maxTrackedPieces;
    /** piece -> one map per failed download of it: peer -> the blocks it sent. */
    private final LinkedHashMap<Integer, List<Map<K, List<BlockRecord>>>> failed;
    private final Set<K> banned = new HashSet<>();

    public SmartBan() {
        this(DEFAULT_STRIKES, DEFAULT_TRACKED_PIECES);
    }

    public SmartBan(int strikesToBan, int maxTrackedPieces) {
        if (strikesToBan < 1 || maxTrackedPieces < 1) {
            throw new IllegalArgumentException("strikes and tracked pieces must be positive, got "
                    + strikesToBan + " and " + maxTrackedPieces);
        }
        this.strikesToBan = strikesToBan;
        this.maxTrackedPieces = maxTrackedPieces;
        this.failed = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, List<Map<K, List<BlockRecord>>>> eldest) {
                return size() > SmartBan.this.maxTrackedPieces;
            }
        };
    }

    /**
     * Records a piece that failed its hash check.
     *
     * @param senders per block, the peer that sent it ({@code null} where unknown)
     * @param data    the piece as received, from position to limit (not consumed)
     * @return peers to ban now: the sole sender of the piece, or peers that reached the strike limit
     */
    public Set<K> onPieceFailed(int piece, List<K> senders, ByteBuffer data) {
        checkShape(senders, data);
        Map<K, List<BlockRecord>> byPeer = new LinkedHashMap<>();
        boolean allKnown = true;
        for (int b = 0; b < senders.size(); b++) {
            K peer = senders.get(b);
            if (peer == null) {
                allKnown = false;
            } else {
                byPeer.computeIfAbsent(peer, p -> new ArrayList<>()).add(new BlockRecord(b, sha1(data, b)));
            }
        }
        Set<K> ban = new LinkedHashSet<>();
        if (allKnown && byPeer.size() == 1) {
            ban.addAll(byPeer.keySet());
        }
        List<Map<K, List<BlockRecord>>> failures = failed.computeIfAbsent(piece, p -> new ArrayList<>());
        if (failures.size() < MAX_FAILURES_PER_PIECE) {
            failures.add(byPeer);
        }
        for (K peer : byPeer.keySet()) {
            if (!ban.contains(peer) && strikes(peer) >= strikesToBan) {
                ban.add(peer);
            }
        }
        return ban(ban);
    }

    /**
     * The piece passed after earlier failures: compares the recorded blocks with the good data.
     *
     * @param data the verified piece, from position to limit (not consumed)
     * @return peers proven to have sent corrupt blocks, to ban now
     */
    public Set<K> onPiecePassed(int piece, ByteBuffer data) {
        List<Map<K, List<BlockRecord>>> failures = failed.remove(piece);
        if (failures == null) {
            return Set.of();
        }
        int blocks = (data.remaining() + BLOCK - 1) / BLOCK;
        byte[][] good = new byte[blocks][];
        Set<K> guilty = new LinkedHashSet<>();
        for (Map<K, List<BlockRecord>> failure : failures) {
            for (Map.Entry<K, List<BlockRecord>> entry : failure.entrySet()) {
                boolean corrupt = false;
                for (BlockRecord r : entry.getValue()) {
                    if (r.block() >= blocks) {
                        continue;
                    }
                    if (good[r.block()] == null) {
                        good[r.block()] = sha1(data, r.block());
                    }
                    corrupt |= !Arrays.equals(good[r.block()], r.sha1());
                }
                if (corrupt) {
                    guilty.add(entry.getKey());
                }
            }
        }
        return ban(guilty);
    }

    public boolean isBanned(K peer) {
        return banned.contains(peer);
    }

    /**
     * Tracked failed pieces the peer contributed to that are still unexplained (no banned peer among the
     * contributors of that failure). O(tracked failures); only evaluated when a piece fails.
     */
    public int strikes(K peer) {
        int n = 0;
        for (List<Map<K, List<BlockRecord>>> failures : failed.values()) {
            for (Map<K, List<BlockRecord>> failure : failures) {
                if (failure.containsKey(peer) && !explained(failure)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private boolean explained(Map<K, List<BlockRecord>> failure) {
        for (K contributor : failure.keySet()) {
            if (banned.contains(contributor)) {
                return true;
            }
        }
        return false;
    }

    /** Pieces with recorded failures awaiting a good download. */
    public int trackedPieces() {
        return failed.size();
    }

    private Set<K> ban(Set<K> peers) {
        Set<K> fresh = new LinkedHashSet<>();
        for (K peer : peers) {
            if (banned.add(peer)) {
                fresh.add(peer);
            }
        }
        return fresh;
    }

    private static void checkShape(List<?> senders, ByteBuffer data) {
        int blocks = (data.remaining() + BLOCK - 1) / BLOCK;
        if (senders.size() != blocks) {
            throw new IllegalArgumentException(
                    senders.size() + " senders for a piece of " + data.remaining() + " bytes (" + blocks + " blocks)");
        }
    }

    private static byte[] sha1(ByteBuffer data, int block) {
        ByteBuffer slice = data.duplicate();
        int begin = data.position() + block * BLOCK;
        slice.position(begin).limit(Math.min(data.limit(), begin + BLOCK));
        MessageDigest md = newSha1();
        md.update(slice);
        return md.digest();
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
