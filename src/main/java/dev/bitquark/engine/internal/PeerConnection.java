package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.wire.ExtendedHandshake;
import dev.bitquark.wire.FrameDecoder;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.HandshakeDecoder;
import dev.bitquark.wire.MessageHandler;
import dev.bitquark.wire.WireChecks;
import dev.bitquark.wire.WireException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One connection with a peer (BEP 3): the handshake, framing and the per-connection protocol state
 * (choke/interest flags both ways, the peer's pieces, our outstanding requests, rates). What to
 * request and what to serve is the torrent's business: every message is forwarded to its
 * {@link Events}. Owned by the engine context: every method runs there, including the socket
 * handlers (the socket was connected or accepted on that context).
 */
public final class PeerConnection implements PeerView, Choker.Candidate, MessageHandler {

    /** What a connection reports to its torrent, on the engine context. */
    public interface Events {
        /** The peer's handshake arrived; return false to refuse it (the connection then closes). */
        boolean onHandshake(PeerConnection c, Handshake theirs);

        void onMessage(PeerConnection c, Message m);

        void onBlock(PeerConnection c, int piece, int begin, ByteBuffer data);

        void onRequest(PeerConnection c, int piece, int begin, int length);

        /** A cancel; ignored unless the phase serves blocks. */
        default void onCancel(PeerConnection c, int piece, int begin, int length) {
        }

        /** A reject (BEP 6); ignored unless the phase requests blocks. */
        default void onReject(PeerConnection c, int piece, int begin, int length) {
        }

        void onExtended(PeerConnection c, int extendedId, ByteBuffer payload);

        void onClosed(PeerConnection c, String reason);

        /** BEP 5: the peer's DHT port (only the first such message of a connection is passed on). */
        default void onPort(PeerConnection c, int port) {
        }
    }

    /**
     * The piece count of a connection made before the metadata is known (magnet, BEP 9): have,
     * bitfield and allowed-fast messages are accepted without checking their indexes and forgotten.
     */
    static final int UNKNOWN_PIECE_COUNT = -1;

    /** Messages without a payload that the torrent reacts to. */
    public enum Message { CHOKE, UNCHOKE, INTERESTED, NOT_INTERESTED, HAVE, BITFIELD, HAVE_ALL, HAVE_NONE, ALLOWED_FAST }

    private final int key;
    private final NetSocket socket;
    private final InetSocketAddress address;
    private final boolean outgoing;
    private final Events events;
    private final Handshake ours;
    private final int pieceCount;
    private final long connectedAt;
    private HandshakeDecoder handshakeDecoder;
    private FrameDecoder frames;
    private Handshake theirs;
    private ExtendedHandshake extended;
    private boolean closed;
    private boolean portSeen;
    private String closeReason;

    // BEP 3 state, named from our side.
    private boolean amChoking = true;
    private boolean amInterested;
    private boolean peerChoking = true;
    private boolean peerInterested;
    private Bitfield peerPieces;
    private boolean peerHasAll;
    private int[] allowedFast = new int[0];
    private int lastHave = -1;

    final OutstandingRequests requests;
    final RequestPipeline pipeline = new RequestPipeline();
    final RateEstimator downloadRate = new RateEstimator();
    final RateEstimator uploadRate = new RateEstimator();
    /** Requests from the peer waiting to be served (bounded by the torrent). */
    final java.util.ArrayDeque<BlockRequest> theirRequests = new java.util.ArrayDeque<>();
    /** Upload batches being read for this connection, and whether serving its queue is already scheduled. */
    int uploadsInFlight;
    boolean serveScheduled;
    long lastBlockAt;
    long wasted;
    int hashFailures;
    /** Download limiting ({@link RateLimits}): bytes received not yet paid for, and whether reading waits. */
    int downOwed;
    boolean downWaiting;
    /** Upload limiting: bytes paid for and not yet sent, and whether a send waits for bandwidth. */
    int upCredit;
    boolean upWaiting;

    PeerConnection(int key, NetSocket socket, InetSocketAddress address, boolean outgoing, Events events,
                   Handshake ours, int pieceCount, long nowMillis, OutstandingRequests requests) {
        this.key = key;
        this.socket = socket;
        this.address = address;
        this.outgoing = outgoing;
        this.events = events;
        this.ours = ours;
        this.pieceCount = pieceCount;
        this.connectedAt = nowMillis;
        this.lastBlockAt = nowMillis;
        this.requests = requests;
        this.peerPieces = new Bitfield(Math.max(0, pieceCount));
    }

    /**
     * Starts the protocol. For an outgoing connection we speak first; an incoming one has already
     * sent at least the first 48 bytes of its handshake (that is how the engine found the torrent),
     * which {@code partial} holds, with {@code rest} being unread bytes of the same read.
     */
    void start(HandshakeDecoder partial, ByteBuffer rest) {
        handshakeDecoder = partial == null ? new HandshakeDecoder() : partial;
        SocketReads.attach(socket, this::onBytes);
        socket.closeHandler(v -> close("connection closed by peer"));
        socket.exceptionHandler(e -> close("socket error: " + e.getMessage()));
        socket.write(Buffer.buffer(ours.encode()));
        if (rest != null && rest.hasRemaining()) {
            onBytes(rest);
        }
    }

    private void onBytes(ByteBuffer in) {
        if (closed) {
            return;
        }
        received++;
        try {
            if (frames == null) {
                if (!handshakeDecoder.feed(in)) {
                    return;
                }
                theirs = handshakeDecoder.handshake();
                handshakeDecoder = null;
                if (!theirs.infoHash().equals(ours.infoHash())) {
                    close("handshake for another torrent");
                    return;
                }
                frames = new FrameDecoder(this);
                if (!events.onHandshake(this, theirs)) {
                    close(closeReason == null ? "refused" : closeReason);
                    return;
                }
            }
            if (in.hasRemaining()) {
                frames.feed(in);
            }
        } catch (WireException e) {
            close("protocol error: " + e.getMessage());
        }
    }

    // ---- sending -------------------------------------------------------------------------------

    void send(byte[] message) {
        if (!closed) {
            sent++;
            socket.write(Buffer.buffer(message));
        }
    }

    void send(Buffer message) {
        if (!closed) {
            sent++;
            socket.write(message);
        }
    }

    // Activity counters for keep-alives and the idle timeout (checked once a second by the torrent).
    private long sent;
    private long received;
    private long sentAtLastTick;
    private long receivedAtLastTick;
    private int idleSendSeconds;
    private int idleReceiveSeconds;

    /** BEP 3: a keep-alive after {@value #KEEP_ALIVE_SECONDS} s without sending anything. */
    static final int KEEP_ALIVE_SECONDS = 90;
    /** A peer silent this long (not even keep-alives, which every client sends) is gone. */
    static final int IDLE_TIMEOUT_SECONDS = 300;

    /** Once a second: sends a keep-alive if we have been quiet, closes the connection if the peer has. */
    void onSecond() {
        idleSendSeconds = sent == sentAtLastTick ? idleSendSeconds + 1 : 0;
        idleReceiveSeconds = received == receivedAtLastTick ? idleReceiveSeconds + 1 : 0;
        sentAtLastTick = sent;
        receivedAtLastTick = received;
        if (idleReceiveSeconds >= IDLE_TIMEOUT_SECONDS) {
            close("no message for " + IDLE_TIMEOUT_SECONDS + " s");
        } else if (idleSendSeconds >= KEEP_ALIVE_SECONDS) {
            send(dev.bitquark.wire.MessageWriter.keepAlive());
        }
    }

    /**
     * Writes frames built by the caller (several piece messages) as one write, so one flush. {@code written} runs
     * once the socket is done with the buffer, written or not (also when the connection is already closed), so the
     * caller can reuse it.
     */
    void sendFrames(Buffer frames, Runnable written) {
        if (closed) {
            written.run();
            return;
        }
        sent++;
        socket.write(frames).onComplete(ar -> written.run());
    }

    /** Stops reading from the socket (download limit): TCP then pushes back on the peer. */
    void pauseReading() {
        if (!closed) {
            SocketReads.setReading(socket, false);
        }
    }

    void resumeReading() {
        if (!closed) {
            SocketReads.setReading(socket, true);
        }
    }

    boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    /**
     * Runs {@code r} once, at the next drain of the write queue. One-shot: a drain handler left registered would
     * run again at every later drain, also while the work it resumes is already under way.
     */
    void onDrain(Runnable r) {
        socket.drainHandler(v -> {
            socket.drainHandler(null);
            r.run();
        });
    }

    void setAmChoking(boolean choking) {
        amChoking = choking;
    }

    void setAmInterested(boolean interested) {
        amInterested = interested;
    }

    /** Closes the connection once; the torrent hears about it through {@link Events#onClosed}. */
    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        closeReason = reason;
        if (frames != null) {
            frames.close();
        }
        socket.close();
        events.onClosed(this, reason);
    }

    /** Sets the reason reported if {@link Events#onHandshake} refuses. */
    void refuseReason(String reason) {
        closeReason = reason;
    }

    // ---- MessageHandler: decoded messages, in order ---------------------------------------------

    @Override
    public void onKeepAlive() {
        // Nothing to do: any byte already proves the connection alive.
    }

    @Override
    public void onChoke() {
        peerChoking = true;
        events.onMessage(this, Message.CHOKE);
    }

    @Override
    public void onUnchoke() {
        peerChoking = false;
        events.onMessage(this, Message.UNCHOKE);
    }

    @Override
    public void onInterested() {
        peerInterested = true;
        events.onMessage(this, Message.INTERESTED);
    }

    @Override
    public void onNotInterested() {
        peerInterested = false;
        events.onMessage(this, Message.NOT_INTERESTED);
    }

    @Override
    public void onHave(int piece) {
        if (metadataUnknown("have", piece)) {
            return;
        }
        WireChecks.checkPiece("have", piece, pieceCount);
        if (!peerHasAll && peerPieces.set(piece)) {
            lastHave = piece;
            if (peerPieces.isComplete()) {
                peerHasAll = true;
            }
            events.onMessage(this, Message.HAVE);
        }
    }

    @Override
    public void onBitfield(ByteBuffer bits) {
        if (pieceCount == UNKNOWN_PIECE_COUNT) {
            return; // its length cannot be checked without the metadata; the frame cap bounds it
        }
        peerPieces = WireChecks.bitfield(bits, pieceCount);
        peerHasAll = peerPieces.isComplete();
        events.onMessage(this, Message.BITFIELD);
    }

    @Override
    public void onRequest(int piece, int begin, int length) {
        events.onRequest(this, piece, begin, length);
    }

    @Override
    public void onPiece(int piece, int begin, ByteBuffer block) {
        events.onBlock(this, piece, begin, block);
    }

    @Override
    public void onCancel(int piece, int begin, int length) {
        events.onCancel(this, piece, begin, length);
    }

    @Override
    public void onPort(int port) {
        // BEP 5: one DHT node per peer; more port messages would only make our DHT ping on a peer's say-so.
        if (!portSeen) {
            portSeen = true;
            events.onPort(this, port);
        }
    }

    @Override
    public void onSuggest(int piece) {
        // BEP 6 suggest is advisory; rarest-first is a better guide on a healthy swarm.
    }

    @Override
    public void onHaveAll() {
        requireFast("have all");
        if (pieceCount == UNKNOWN_PIECE_COUNT) {
            peerHasAll = true;
            return;
        }
        peerPieces = Bitfield.full(pieceCount);
        peerHasAll = true;
        events.onMessage(this, Message.HAVE_ALL);
    }

    @Override
    public void onHaveNone() {
        requireFast("have none");
        if (pieceCount == UNKNOWN_PIECE_COUNT) {
            return;
        }
        peerPieces = new Bitfield(pieceCount);
        peerHasAll = false;
        events.onMessage(this, Message.HAVE_NONE);
    }

    @Override
    public void onReject(int piece, int begin, int length) {
        requireFast("reject");
        events.onReject(this, piece, begin, length);
    }

    @Override
    public void onAllowedFast(int piece) {
        requireFast("allowed fast");
        if (metadataUnknown("allowed fast", piece)) {
            return;
        }
        WireChecks.checkPiece("allowed fast", piece, pieceCount);
        if (allowedFast.length < 64) {
            for (int p : allowedFast) {
                if (p == piece) {
                    return;
                }
            }
            int[] n = java.util.Arrays.copyOf(allowedFast, allowedFast.length + 1);
            n[allowedFast.length] = piece;
            allowedFast = n;
            events.onMessage(this, Message.ALLOWED_FAST);
        }
    }

    @Override
    public void onExtended(int extendedId, ByteBuffer payload) {
        if (!ours.supportsExtensionProtocol() || theirs == null || !theirs.supportsExtensionProtocol()) {
            throw new WireException("extended message without BEP 10 support on both sides");
        }
        if (extendedId == 0) {
            extended = ExtendedHandshake.decode(payload);
        }
        events.onExtended(this, extendedId, payload);
    }

    @Override
    public void onUnknown(int id, int length) {
        // BEP 3: ignore messages we do not know.
    }

    /** Without metadata only the sign of a piece index can be checked; true: nothing more to do. */
    private boolean metadataUnknown(String what, int piece) {
        if (pieceCount != UNKNOWN_PIECE_COUNT) {
            return false;
        }
        if (piece < 0) {
            throw new WireException(what + ": piece " + piece + " is negative");
        }
        return true;
    }

    private void requireFast(String what) {
        // BEP 6: these messages are only valid when both sides set the fast extension bit.
        if (!fast()) {
            throw new WireException(what + " without the fast extension (BEP 6)");
        }
    }

    // ---- views ------------------------------------------------------------------------------------

    boolean fast() {
        return theirs != null && theirs.supportsFastExtension() && ours.supportsFastExtension();
    }

    boolean extensionProtocol() {
        return theirs != null && theirs.supportsExtensionProtocol() && ours.supportsExtensionProtocol();
    }

    @Override
    public int key() {
        return key;
    }

    @Override
    public boolean hasPiece(int piece) {
        return peerHasAll || peerPieces.get(piece);
    }

    @Override
    public boolean hasAll() {
        return peerHasAll;
    }

    @Override
    public boolean isChokingUs() {
        return peerChoking;
    }

    @Override
    public int[] allowedFast() {
        return allowedFast;
    }

    /** Set by the torrent from {@link OutstandingRequests#isSnubbed} once a second. */
    boolean snubbed;

    @Override
    public boolean isSnubbed() {
        return snubbed;
    }

    @Override
    public boolean isInterested() {
        return peerInterested;
    }

    @Override
    public long downloadRate() {
        return cachedDownRate;
    }

    @Override
    public long uploadRate() {
        return cachedUpRate;
    }

    long cachedDownRate;
    long cachedUpRate;

    @Override
    public long connectedAtMillis() {
        return connectedAt;
    }

    boolean amChoking() {
        return amChoking;
    }

    boolean amInterested() {
        return amInterested;
    }

    Bitfield peerPieces() {
        return peerPieces;
    }

    int lastHave() {
        return lastHave;
    }

    public InetSocketAddress address() {
        return address;
    }

    public boolean outgoing() {
        return outgoing;
    }

    public boolean isClosed() {
        return closed;
    }

    public Handshake theirHandshake() {
        return theirs;
    }

    public PeerId peerId() {
        return theirs == null ? null : theirs.peerId();
    }

    public ExtendedHandshake extendedHandshake() {
        return extended;
    }

    public InfoHash infoHash() {
        return ours.infoHash();
    }

    /** The peer's BEP 10 {@code v} (client name and version), printable characters only, or null. */
    public String client() {
        if (extended == null || extended.client() == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        extended.client().codePoints().limit(ExtendedHandshake.MAX_CLIENT_LENGTH)
                .forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) || !Character.isDefined(cp) ? '?' : cp));
        return b.isEmpty() ? null : b.toString();
    }

    public String closeReason() {
        return closeReason;
    }

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort() + (outgoing ? " (out)" : " (in)");
    }
}
