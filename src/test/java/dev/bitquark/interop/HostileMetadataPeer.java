package dev.bitquark.interop;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.wire.MessageWriter;
import dev.bitquark.wire.MetadataMessage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer on 127.0.0.1 that speaks the real wire protocol (BEP 3 handshake, BEP 10 extended
 * handshake, BEP 9 {@code ut_metadata}) and misbehaves in one chosen way when asked for metadata.
 * Every accepted connection runs on its own thread and is bounded (30 s without a message ends it).
 */
public final class HostileMetadataPeer implements AutoCloseable {
    /** How it misbehaves. */
    public enum Behaviour {
        /** Claims a {@code metadata_size} of 10 MiB (above the 8 MiB we fetch, below the codec's cap). */
        HUGE_SIZE,
        /** Claims 100 MiB, which the BEP 10 handshake codec refuses. */
        ABSURD_SIZE,
        /** Answers every request with random bytes of the right length: the SHA-1 cannot match. */
        WRONG_DATA,
        /** Rejects every request (msg_type 2). */
        REJECT,
        /** Answers with a data message for a piece index past the end of the metadata. */
        OUT_OF_RANGE,
        /** Never answers a request (the connection stays open). */
        SILENT
    }

    /** The extended message id we ask the engine to send {@code ut_metadata} as. */
    private static final int OUR_UT_METADATA = 3;

    private final InfoHash infoHash;
    private final int metadataSize;
    private final Behaviour behaviour;
    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    public HostileMetadataPeer(InfoHash infoHash, int realMetadataSize, Behaviour behaviour) throws IOException {
        this.infoHash = infoHash;
        this.behaviour = behaviour;
        this.metadataSize = switch (behaviour) {
            case HUGE_SIZE -> 10 << 20;
            case ABSURD_SIZE -> 100 << 20;
            default -> realMetadataSize;
        };
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed && connections.get() < 50) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            byte[] theirs = in.readNBytes(68);
            if (theirs.length != 68 || !Arrays.equals(Arrays.copyOfRange(theirs, 28, 48), infoHash.toBytes())) {
                return;
            }
            out.write(handshake());
            String ext = "d1:md11:ut_metadatai" + OUR_UT_METADATA + "ee13:metadata_sizei" + metadataSize + "ee";
            out.write(MessageWriter.extended(0, ext.getBytes(StandardCharsets.US_ASCII)));
            out.flush();
            while (!closed) {
                int length = in.readInt();
                if (length < 0 || length > (1 << 20)) {
                    return;
                }
                byte[] frame = in.readNBytes(length);
                if (frame.length != length) {
                    return;
                }
                if (length >= 2 && frame[0] == 20 && frame[1] == OUR_UT_METADATA) {
                    MetadataMessage m = MetadataMessage.decode(ByteBuffer.wrap(frame, 2, length - 2).slice());
                    if (m instanceof MetadataMessage.Request r) {
                        requests.incrementAndGet();
                        if (behaviour == Behaviour.SILENT) {
                            continue;
                        }
                        out.write(MessageWriter.extended(2, answer(r.piece())));
                        out.flush();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the engine closed the connection: that is what most scenarios expect
        }
    }

    private byte[] answer(int piece) {
        int count = (metadataSize + MetadataMessage.PIECE_SIZE - 1) / MetadataMessage.PIECE_SIZE;
        return switch (behaviour) {
            case WRONG_DATA -> {
                byte[] junk = new byte[Math.min(MetadataMessage.PIECE_SIZE, metadataSize - piece * MetadataMessage.PIECE_SIZE)];
                new Random(piece).nextBytes(junk);
                yield new MetadataMessage.Data(piece, metadataSize, junk).encode();
            }
            case OUT_OF_RANGE -> {
                String dict = "d8:msg_typei1e5:piecei" + (count + 3) + "e10:total_sizei" + metadataSize + "ee";
                byte[] head = dict.getBytes(StandardCharsets.US_ASCII);
                yield Arrays.copyOf(head, head.length + 100);
            }
            default -> new MetadataMessage.Reject(piece).encode();
        };
    }

    private byte[] handshake() {
        ByteBuffer b = ByteBuffer.allocate(68);
        b.put((byte) 19).put("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII));
        byte[] reserved = new byte[8];
        reserved[5] = 0x10; // BEP 10 extension protocol
        b.put(reserved).put(infoHash.toBytes());
        byte[] id = new byte[20];
        new Random().nextBytes(id);
        System.arraycopy("-HX0001-".getBytes(StandardCharsets.US_ASCII), 0, id, 0, 8);
        b.put(id);
        return b.array();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Metadata requests it received. */
    public int requests() {
        return requests.get();
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        acceptor.interrupt();
    }
}
