package dev.bitquark.testkit;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.MessageWriter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer played by the test, with no socket: {@link #socket()} is a {@link NetSocket} the engine
 * attaches a connection to; what the test sends goes to the connection's read handler, what the
 * engine writes is kept and decoded ({@link #received()}). The script says what the peer does: send
 * its handshake, a bitfield, have-all, unchoke, choke, requests, blocks, rejects, an oversized frame,
 * or nothing at all (a stall). Every call must run on the engine context, as the socket's handlers
 * would. Not thread-safe.
 */
public final class ScriptedPeer {
    /** BEP 3 message ids, as the peer sees them. */
    public static final int CHOKE = 0, UNCHOKE = 1, INTERESTED = 2, NOT_INTERESTED = 3, HAVE = 4, BITFIELD = 5,
            REQUEST = 6, PIECE = 7, CANCEL = 8, HAVE_ALL = 14, HAVE_NONE = 15, REJECT = 16, ALLOWED_FAST = 17,
            EXTENDED = 20;

    /** One message the engine sent: its id and payload (after the length prefix and id). */
    public record Message(int id, byte[] payload) {
        public int intAt(int offset) {
            return ByteBuffer.wrap(payload).getInt(offset);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final NetSocket socket;
    private final PeerId peerId;
    private Handler<Buffer> handler;
    private Handler<Void> closeHandler;
    private Handler<Void> drainHandler;
    private boolean closed;
    private boolean queueFull;

    public ScriptedPeer() {
        this(PeerId.random());
    }

    public ScriptedPeer(PeerId peerId) {
        this.peerId = peerId;
        this.socket = (NetSocket) Proxy.newProxyInstance(NetSocket.class.getClassLoader(),
                new Class<?>[] {NetSocket.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "handler" -> {
                        handler = cast(args[0]);
                        yield proxy;
                    }
                    case "closeHandler" -> {
                        closeHandler = cast(args[0]);
                        yield proxy;
                    }
                    case "drainHandler" -> {
                        drainHandler = cast(args[0]);
                        yield proxy;
                    }
                    case "write" -> {
                        Buffer b = (Buffer) args[0];
                        out.writeBytes(b.getBytes());
                        yield Future.succeededFuture();
                    }
                    case "sendFile" -> throw new UnsupportedOperationException("sendFile: the test storage has no files");
                    case "close" -> {
                        closed = true;
                        yield Future.succeededFuture();
                    }
                    case "writeQueueFull" -> queueFull;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ScriptedPeer " + peerId;
                    default -> NetSocket.class.isAssignableFrom(method.getReturnType()) ? proxy
                            : Future.class.isAssignableFrom(method.getReturnType()) ? Future.succeededFuture()
                            : method.getReturnType() == boolean.class ? false : null;
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    public NetSocket socket() {
        return socket;
    }

    public PeerId peerId() {
        return peerId;
    }

    /** Whether the engine closed the socket. */
    public boolean closed() {
        return closed;
    }

    // ---- what the peer sends --------------------------------------------------------------------

    /** Raw bytes, as one read. */
    public ScriptedPeer send(byte[] bytes) {
        handler.handle(Buffer.buffer(bytes));
        return this;
    }

    /** Our handshake for {@code infoHash}; {@code fast}: BEP 6, {@code extensions}: BEP 10. */
    public ScriptedPeer handshake(InfoHash infoHash, boolean fast, boolean extensions) {
        return send(Handshake.of(infoHash, peerId, extensions, fast, false).encode());
    }

    public ScriptedPeer bitfield(Bitfield have) {
        return send(MessageWriter.bitfield(have));
    }

    public ScriptedPeer haveAll() {
        return send(MessageWriter.haveAll());
    }

    public ScriptedPeer haveNone() {
        return send(MessageWriter.haveNone());
    }

    public ScriptedPeer unchoke() {
        return send(MessageWriter.unchoke());
    }

    public ScriptedPeer choke() {
        return send(MessageWriter.choke());
    }

    public ScriptedPeer interested() {
        return send(MessageWriter.interested());
    }

    public ScriptedPeer request(int piece, int begin, int length) {
        return send(MessageWriter.request(piece, begin, length));
    }

    public ScriptedPeer cancel(int piece, int begin, int length) {
        return send(MessageWriter.cancel(piece, begin, length));
    }

    public ScriptedPeer reject(int piece, int begin, int length) {
        return send(MessageWriter.reject(piece, begin, length));
    }

    public ScriptedPeer block(int piece, int begin, byte[] data) {
        return send(MessageWriter.piece(piece, begin, ByteBuffer.wrap(data)));
    }

    public ScriptedPeer extended(int id, byte[] payload) {
        return send(MessageWriter.extended(id, payload));
    }

    /** A frame announcing {@code length} bytes, far beyond any message: the engine must refuse it unread. */
    public ScriptedPeer oversizedFrame(int length) {
        return send(ByteBuffer.allocate(5).putInt(length).put((byte) PIECE).array());
    }

    /** The peer closes the connection. */
    public void hangUp() {
        closed = true;
        if (closeHandler != null) {
            closeHandler.handle(null);
        }
    }

    /** Fills or frees the socket's write queue; freeing it runs the engine's drain handler, as Vert.x would. */
    public void writeQueueFull(boolean full) {
        queueFull = full;
        if (!full && drainHandler != null) {
            Handler<Void> h = drainHandler;
            h.handle(null);
        }
    }

    // ---- what the engine sent -------------------------------------------------------------------

    /** The engine's handshake (the first 68 bytes it wrote), or null before it. */
    public byte[] handshakeReceived() {
        byte[] all = out.toByteArray();
        return all.length < 68 ? null : java.util.Arrays.copyOf(all, 68);
    }

    /** Every whole message the engine sent after its handshake, in order (keep-alives left out). */
    public List<Message> received() {
        byte[] all = out.toByteArray();
        List<Message> messages = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(all);
        if (b.remaining() < 68) {
            return messages;
        }
        b.position(68);
        while (b.remaining() >= 4) {
            int length = b.getInt(b.position());
            if (b.remaining() < 4 + length) {
                break;
            }
            b.getInt();
            if (length == 0) {
                continue;
            }
            int id = b.get() & 0xff;
            byte[] payload = new byte[length - 1];
            b.get(payload);
            messages.add(new Message(id, payload));
        }
        return messages;
    }

    /** The messages with id {@code id} the engine sent. */
    public List<Message> received(int id) {
        return received().stream().filter(m -> m.id() == id).toList();
    }
}
