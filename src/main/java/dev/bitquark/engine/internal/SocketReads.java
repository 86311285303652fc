package dev.bitquark.engine.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Reads a peer socket without Vert.x's heap copy. A plain {@code NetSocket.handler} receives every read as a
 * fresh heap copy of Netty's pooled direct read buffer (Vert.x's {@code safeBuffer}); the message handler of
 * the socket's internal side receives that pooled buffer itself, which is decoded in place and released at
 * once. On the download path that is one copy fewer per byte. Sockets without the internal side (none in
 * this engine, but the interface allows it) fall back to the data handler.
 *
 * <p>The message handler bypasses the socket's inbound queue, which is what {@code NetSocket.pause()} stops,
 * so pausing switches Netty's auto-read instead: TCP then pushes back on the peer. Bytes of a read already
 * under way still arrive; callers account for them (the download limiter runs a debt).
 */
final class SocketReads {
    /**
     * Netty's default read size stops growing at 64 KiB: a busy connection then takes a wake-up and a read
     * call per 64 KiB, and one 16 KiB block frame in four straddles two reads (and is copied twice). Reads
     * of up to 256 KiB, still sized by what the last reads filled, halve both for a fast peer and change
     * nothing for a slow one. The kernel's receive window (SO_RCVBUF) keeps its autotuning.
     */
    static final int MAX_READ = 256 * 1024;

    private SocketReads() {
    }

    /** Delivers every read to {@code sink} as a buffer valid only during the call. Call on the socket's context. */
    static void attach(NetSocket socket, Consumer<ByteBuffer> sink) {
        if (socket instanceof NetSocketInternal internal) {
            internal.channelHandlerContext().channel().config()
                    .setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ));
            internal.messageHandler(message -> {
                if (message instanceof ByteBuf buf) {
                    try {
                        if (buf.isReadable()) {
                            sink.accept(buf.nioBuffer());
                        }
                    } finally {
                        buf.release();
                    }
                } else {
                    ReferenceCountUtil.release(message);
                }
            });
        } else {
            socket.handler(data -> sink.accept(data.getByteBuf().nioBuffer()));
        }
    }

    /** Stops ({@code false}) or restarts reading from a socket attached with {@link #attach}. */
    static void setReading(NetSocket socket, boolean reading) {
        if (socket instanceof NetSocketInternal internal) {
            internal.channelHandlerContext().channel().config().setAutoRead(reading);
        } else if (reading) {
            socket.resume();
        } else {
            socket.pause();
        }
    }
}
