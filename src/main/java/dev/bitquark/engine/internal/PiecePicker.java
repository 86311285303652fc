package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentGeometry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Decides which blocks of one torrent to request from which peer, and tracks every piece through the states
 * described in {@code STATE.md} ("Piece and block states"): fresh, open (per-block NONE / REQUESTED / RECEIVED /
 * WRITTEN), verified, had.
 *
 * <p>Order of preference in {@link #pickBlocks}:
 * <ol>
 *   <li>free blocks of pieces already open (oldest first): finishing started pieces keeps few pieces open, so
 *       whole pieces become verifiable and shareable sooner;</li>
 *   <li>then fresh pieces with a streaming deadline ({@link #setPieceDeadline}), lowest rank first, whatever
 *       their priority (above skip);</li>
 *   <li>then fresh pieces by priority, highest first; within one priority either index order from a cursor
 *       ({@link #setSequential}) or rarest first, equally rare pieces in random order;</li>
 *   <li>then, only in endgame ({@link #isEndgame}), blocks already requested from other peers, up to
 *       {@code maxRequesters} peers per block; whichever copy arrives first wins and the others are cancelled.</li>
 * </ol>
 * A snubbed peer first continues pieces only it works on, then starts the most common fresh piece (or the last one
 * in sequential mode), and only then joins other open pieces, so a stalled peer does not hold up rare pieces or
 * pieces fast peers are finishing; it never gets endgame duplicates or deadline pieces. While a peer chokes us only its BEP 6
 * allowed-fast pieces are considered.
 *
 * <p>Cost: a decision touches the open pieces with free blocks plus the fresh pieces examined until one the peer
 * has turns up: O(1) for seeds and peers with most pieces, which carry nearly all traffic; a peer with few pieces
 * costs about (fresh pieces / its pieces) checks, and pieces no non-seed has are skipped for non-seeds. Availability
 * updates are O(1) per piece (O(pieces) per bitfield or disconnect). Nothing rebuilds or sorts the piece list.
 *
 * <p>Threading: not thread-safe. The engine owns one picker per torrent and calls it only on that torrent's
 * event-loop context.
 */
public final class PiecePicker {
    /** Endgame: at most this many peers are asked for the same block by default (the first request included). */
    public static final int DEFAULT_MAX_REQUESTERS = 2;

    private final PieceTable table;
    private final TorrentGeometry geometry;
    private final int pieceCount;
    private final byte[] priority;
    private final int[] availability;
    private final OpenPiece[] open;
    private final Set<OpenPiece> openPieces;
    private final TreeSet<OpenPiece> withFree;
    private final FreshPieces fresh;
    private final Set<Integer> seedKeys = new HashSet<>();
    private boolean sequential;
    private final Deadlines deadlines = new Deadlines();

    public PiecePicker(TorrentGeometry geometry, RandomGenerator random) {
        this(geometry, random, DEFAULT_MAX_REQUESTERS);
    }

    /**
     * @param random        source of the rarest-first tie-break; tests pass a seeded generator
     * @param maxRequesters endgame limit of peers asked for one block, 1 (no duplicates) to 8
     */
    public PiecePicker(TorrentGeometry geometry, RandomGenerator random, int maxRequesters) {
        if (maxRequesters < 1 || maxRequesters > 8) {
            throw new IllegalArgumentException("maxRequesters must be 1..8, got " + maxRequesters);
        }
        this.table = new PieceTable(geometry, random, maxRequesters);
        this.geometry = geometry;
        this.pieceCount = table.pieceCount;
        // Aliases of the table's arrays and indexes: the hot paths below read them directly.
        this.priority = table.priority;
        this.availability = table.availability;
        this.open = table.open;
        this.openPieces = table.openPieces;
        this.withFree = table.withFree;
        this.fresh = table.fresh;
    }

    public int pieceCount() {
        return pieceCount;
    }

    /** The peer {@code key} has every piece (BEP 6 HAVE ALL). Idempotent per key. O(1). */
    public void peerHasAll(int key) {
        if (seedKeys.add(key)) {
            table.seeds++;
        }
    }

    /** The peer {@code key} sent its BEP 3 bitfield; a complete one counts as a seed. O(pieces). */
    public void peerBitfield(int key, Bitfield pieces) {
        if (pieces.size() != pieceCount) {
            throw new IllegalArgumentException("bitfield of " + pieces.size() + " pieces for a torrent of " + pieceCount);
        }
        if (pieces.isComplete()) {
            peerHasAll(key);
            return;
        }
        for (int i = pieces.nextSet(0); i >= 0; i = pieces.nextSet(i + 1)) {
            table.changeAvailability(i, 1);
        }
    }

    /** The peer {@code key} sent HAVE for {@code piece}; ignored for peers counted as seeds. O(1). */
    public void peerHas(int key, int piece) {
        table.checkPiece(piece);
        if (!seedKeys.contains(key)) {
            table.changeAvailability(piece, 1);
        }
    }

    /**
     * The connection is gone: its pieces no longer count and its outstanding requests go back to the pool
     * ({@link #onRequestsLost}). O(pieces) for non-seeds.
     */
    public void peerLost(PeerView peer) {
        int key = peer.key();
        onRequestsLost(key);
        if (seedKeys.remove(key)) {
            table.seeds--;
            return;
        }
        for (int i = 0; i < pieceCount; i++) {
            if (peer.hasPiece(i)) {
                table.changeAvailability(i, -1);
            }
        }
    }

    /** Number of connected peers that have {@code piece}. */
    public int availability(int piece) {
        table.checkPiece(piece);
        return availability[piece] + table.seeds;
    }

    public Priority piecePriority(int piece) {
        table.checkPiece(piece);
        return Priority.ofLevel(priority[piece]);
    }

    /** Changes one piece's priority at runtime; {@link Priority#SKIP} stops picking it. O(1). */
    public void setPiecePriority(int piece, Priority newPriority) {
        table.checkPiece(piece);
        table.setPriority(piece, newPriority.level());
    }

    /**
     * Sets every piece's priority from file priorities: a piece gets the highest priority of the files it
     * touches. {@code fileLengths} are the torrent's files in order and must add up to the total length.
     * O(pieces + files).
     */
    public void setFilePriorities(long[] fileLengths, Priority[] priorities) {
        byte[] levels = PieceTable.pieceLevels(geometry, fileLengths, priorities);
        for (int p = 0; p < pieceCount; p++) {
            setPiecePriority(p, Priority.ofLevel(levels[p]));
        }
    }

    /** Sequential mode picks fresh pieces in index order instead of rarest first (streaming). */
    public void setSequential(boolean sequential) {
        this.sequential = sequential;
    }

    public boolean isSequential() {
        return sequential;
    }

    /**
     * Gives {@code piece} a deadline: as a fresh wanted piece it is picked before pieces without one, of any
     * priority, lower {@code rank} first (rank = position in a playback buffer, for example). Ignored for a had
     * piece; cleared once the piece is had. O(log deadlines); picking costs O(deadlines) at worst.
     */
    public void setPieceDeadline(int piece, int rank) {
        table.checkPiece(piece);
        if (!table.have.get(piece)) {
            deadlines.set(piece, rank);
        }
    }

    /** The piece's deadline rank, or -1 without one. */
    public int pieceDeadline(int piece) {
        table.checkPiece(piece);
        return deadlines.rank(piece);
    }

    public void clearPieceDeadline(int piece) {
        deadlines.clear(piece);
    }

    public void clearDeadlines() {
        deadlines.clearAll();
    }

    /**
     * Appends up to {@code max} block requests for {@code peer} to {@code out} and records them as requested by
     * it; returns how many were added. Outside endgame no block is ever handed out that is requested from
     * someone else; a peer is never asked twice for the same block.
     */
    public int pickBlocks(PeerView peer, int max, List<BlockRequest> out) {
        if (max <= 0 || table.wantedPiecesLeft == 0) {
            return 0;
        }
        int key = peer.key();
        if (peer.isChokingUs()) {
            return PickModes.allowedFast(table, peer, key, max, out);
        }
        if (peer.isSnubbed()) {
            int picked = pickOpen(peer, key, max, out, Mode.OWN);
            picked += pickFresh(peer, key, max - picked, out, true);
            return picked + pickOpen(peer, key, max - picked, out, Mode.OTHERS);
        }
        int picked = pickOpen(peer, key, max, out, Mode.ANY);
        picked += pickFresh(peer, key, max - picked, out, false);
        if (picked < max && isEndgame()) {
            picked += PickModes.endgame(table, peer, key, max - picked, out);
        }
        return picked;
    }

    private enum Mode { ANY, OWN, OTHERS }

    private int pickOpen(PeerView peer, int key, int max, List<BlockRequest> out, Mode mode) {
        int picked = 0;
        Iterator<OpenPiece> it = withFree.iterator();
        while (picked < max && it.hasNext()) {
            OpenPiece op = it.next();
            boolean own = op.soleRequester == key;
            if (priority[op.piece] == 0 || (mode == Mode.OWN && !own) || (mode == Mode.OTHERS && own)
                    || !peer.hasPiece(op.piece)) {
                continue;
            }
            picked += table.takeFree(op, key, max - picked, out);
            if (op.none == 0) {
                it.remove();
            }
        }
        return picked;
    }

    private int pickFresh(PeerView peer, int key, int max, List<BlockRequest> out, boolean snubbed) {
        if (!table.canOpen()) {
            return 0;
        }
        // Streaming deadlines beat every priority level: a player is waiting for these bytes.
        int picked = snubbed || deadlines.isEmpty() ? 0 : pickDeadlines(peer, key, max, out);
        for (int level = FreshPieces.LEVELS - 1; level >= 1 && picked < max; level--) {
            if (fresh.count(level) > 0) {
                picked += sequential ? pickSequential(peer, key, level, max - picked, out, snubbed)
                        : pickRarest(peer, key, level, max - picked, out, snubbed);
            }
        }
        return picked;
    }

    private int pickDeadlines(PeerView peer, int key, int max, List<BlockRequest> out) {
        int picked = 0;
        for (int piece : deadlines) {
            if (picked >= max || !table.canOpen()) {
                break;
            }
            // Fresh pieces only (wanted, not had, not open); started ones are continued by pickOpen.
            if (fresh.contains(piece) && peer.hasPiece(piece)) {
                picked += table.startPiece(piece, key, max - picked, out);
            }
        }
        return picked;
    }

    private int pickSequential(PeerView peer, int key, int level, int max, List<BlockRequest> out, boolean fromEnd) {
        int picked = 0;
        int i = fromEnd ? fresh.previous(level, pieceCount - 1) : fresh.first(level);
        while (i >= 0 && picked < max && table.canOpen()) {
            if (peer.hasPiece(i)) {
                picked += table.startPiece(i, key, max - picked, out);
            }
            i = fromEnd ? fresh.previous(level, i - 1) : fresh.next(level, i + 1);
        }
        return picked;
    }

    /**
     * Rarest first (most common first when {@code reverse}). A non-seed peer is counted in the availability of
     * every piece it has, so the bucket of pieces no non-seed has can be skipped for it.
     */
    private int pickRarest(PeerView peer, int key, int level, int max, List<BlockRequest> out, boolean reverse) {
        int picked = 0;
        int lowest = peer.hasAll() || seedKeys.contains(key) ? 0 : 1;
        int buckets = fresh.bucketCount(level);
        for (int k = lowest; k < buckets && picked < max; k++) {
            int a = reverse ? buckets - 1 - k + lowest : k;
            // Downwards, so that starting a piece (which moves the bucket's last piece into its slot) never skips
            // an unvisited piece.
            for (int i = fresh.bucketSize(level, a) - 1; i >= 0 && picked < max && table.canOpen(); i--) {
                int piece = fresh.pieceAt(level, a, i);
                if (peer.hasPiece(piece)) {
                    picked += table.startPiece(piece, key, max - picked, out);
                }
            }
        }
        return picked;
    }

    /**
     * True when every wanted block that some connected peer has is requested at least once (or received): from
     * now on blocks may be requested from several peers. Pieces no connected peer has do not hold endgame back.
     */
    public boolean isEndgame() {
        return PickModes.isEndgame(table);
    }

    /**
     * Block {@code block} of {@code piece} arrived from {@code key}. Also accepts blocks that were not (or no
     * longer) requested, as long as the data is still needed.
     */
    public BlockResult onBlockReceived(int key, int piece, int block) {
        table.checkBlock(piece, block);
        if (table.have.get(piece)) {
            return BlockResult.IGNORED;
        }
        OpenPiece op = open[piece];
        if (op == null) {
            if (priority[piece] == 0) {
                return BlockResult.IGNORED;
            }
            op = table.openPiece(piece);
        }
        if (op.state(block) >= OpenPiece.RECEIVED) {
            return BlockResult.IGNORED;
        }
        int[] cancel = op.receive(block, key);
        table.syncFree(op);
        return new BlockResult(true, op.isComplete(), cancel);
    }

    /**
     * The request of {@code block} from {@code key} is gone (BEP 6 reject, timeout, or cancelled by us); the
     * block is free again unless another peer still has it requested. Returns false if it was not requested
     * from {@code key}.
     */
    public boolean onBlockRejected(int key, int piece, int block) {
        table.checkBlock(piece, block);
        OpenPiece op = open[piece];
        if (op == null || !op.removeRequester(block, key)) {
            return false;
        }
        table.syncFree(op);
        table.closeIfUntouched(op);
        return true;
    }

    /**
     * Every request to {@code key} is gone (it choked us without the fast extension, disconnected, or timed
     * out). Returns the number of requests dropped. O(open blocks).
     */
    public int onRequestsLost(int key) {
        int dropped = 0;
        for (OpenPiece op : new ArrayList<>(openPieces)) {
            if (op.requested == 0) {
                continue;
            }
            for (int b = 0; b < op.blocks; b++) {
                if (op.removeRequester(b, key)) {
                    dropped++;
                }
            }
            table.syncFree(op);
            table.closeIfUntouched(op);
        }
        return dropped;
    }

    /**
     * Storage wrote the block. Returns true if the piece is now had (it was verified before). Ignored for blocks
     * not in state RECEIVED; the engine must not report a write of a piece after its {@link #onPieceFailed}.
     */
    public boolean onBlockWritten(int piece, int block) {
        table.checkBlock(piece, block);
        OpenPiece op = open[piece];
        if (op == null || !op.write(block)) {
            return false;
        }
        return haveIfDone(op);
    }

    /**
     * The piece's SHA-1 matched. Returns true if the piece is now had, which needs every block written too.
     *
     * @throws IllegalStateException if the piece is not open with every block received
     */
    public boolean onPieceVerified(int piece) {
        table.checkPiece(piece);
        OpenPiece op = open[piece];
        if (op == null || !op.isComplete()) {
            throw new IllegalStateException("piece " + piece + " verified before all its blocks arrived");
        }
        op.verified = true;
        return haveIfDone(op);
    }

    /**
     * The piece failed its hash check (or could not be written): all its blocks are downloaded again, from
     * scratch. Call {@link #blockSenders} first to learn who sent what.
     */
    public void onPieceFailed(int piece) {
        table.checkPiece(piece);
        OpenPiece op = open[piece];
        if (op != null) {
            table.closePiece(op);
        }
    }

    /** Marks a piece had without downloading it (resume data or a verified file on disk). */
    public void markHave(int piece) {
        table.checkPiece(piece);
        if (table.markHave(piece)) {
            clearPieceDeadline(piece);
        }
    }

    /** A had piece turned out damaged on disk (recheck): it is fresh again, downloaded if wanted. */
    public void clearHave(int piece) {
        table.checkPiece(piece);
        table.clearHave(piece);
    }

    private boolean haveIfDone(OpenPiece op) {
        if (op.verified && op.written == op.blocks) {
            markHave(op.piece);
            return true;
        }
        return false;
    }

    public boolean hasPiece(int piece) {
        table.checkPiece(piece);
        return table.have.get(piece);
    }

    /** A copy of the had pieces, for our own BEP 3 bitfield. */
    public Bitfield haveBitfield() {
        return table.have.copy();
    }

    /** Not had and not skipped. */
    public boolean isWanted(int piece) {
        table.checkPiece(piece);
        return priority[piece] > 0 && !table.have.get(piece);
    }

    /** True if {@code peer} has a piece we want (BEP 3 interest). O(pieces) unless the peer has all. */
    public boolean isInteresting(PeerView peer) {
        if (table.wantedPiecesLeft == 0) {
            return false;
        }
        if (peer.hasAll()) {
            return true;
        }
        for (int i = 0; i < pieceCount; i++) {
            if (priority[i] > 0 && !table.have.get(i) && peer.hasPiece(i)) {
                return true;
            }
        }
        return false;
    }

    /** Every wanted piece is had. */
    public boolean isComplete() {
        return table.wantedPiecesLeft == 0;
    }

    /** Bytes of wanted pieces not had yet (partially downloaded pieces count in full). */
    public long wantedBytesLeft() {
        return table.wantedBytesLeft;
    }

    /** True while some block of {@code piece} is requested or received (it is being downloaded, not had). */
    public boolean isOpen(int piece) {
        return open[piece] != null;
    }

    public BlockState blockState(int piece, int block) {
        table.checkBlock(piece, block);
        if (table.have.get(piece)) {
            return BlockState.WRITTEN;
        }
        OpenPiece op = open[piece];
        return op == null ? BlockState.NONE : BlockState.values()[op.state(block)];
    }

    /** How many peers {@code block} is requested from right now. */
    public int requesterCount(int piece, int block) {
        table.checkBlock(piece, block);
        OpenPiece op = open[piece];
        return op == null ? 0 : op.requesterCount(block);
    }

    public boolean isRequestedFrom(int key, int piece, int block) {
        table.checkBlock(piece, block);
        OpenPiece op = open[piece];
        return op != null && op.isRequestedBy(block, key);
    }

    /** Per block of an open piece, the key of the peer that sent it (-1: not yet); empty if the piece is not open. */
    public int[] blockSenders(int piece) {
        table.checkPiece(piece);
        OpenPiece op = open[piece];
        return op == null ? BlockResult.NO_PEERS : op.senders();
    }

    /**
     * Caps the pieces in progress: no new piece is started while {@code max} are open. The engine
     * holds a memory buffer per open piece, so this is its back-pressure on the download path.
     */
    public void setMaxOpenPieces(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max open pieces must be positive: " + max);
        }
        table.maxOpenPieces = max;
    }

    /** Pieces currently open (started, not yet had). */
    public int openPieceCount() {
        return openPieces.size();
    }
}
