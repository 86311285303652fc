package dev.bitquark.engine.internal;

import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One outgoing TCP dial for a torrent or a magnet fetching its metadata: counted against the
 * session-wide connection limit while it is pending, reported to the peer book when it fails, and
 * handed to its owner only if the owner still wants connections when it succeeds. Engine context.
 */
final class Dialer {
    private Dialer() {
    }

    /**
     * Dials {@code a}; {@code ended} runs when the dial is over (whatever the outcome), before
     * {@code attach} gets the socket.
     */
    static void dial(EngineRuntime rt, PeerBook book, InetSocketAddress a, BooleanSupplier stillWanted,
                     Runnable ended, Consumer<NetSocket> attach) {
        rt.connectionOpened();
        rt.netClient().connect(a.getPort(), a.getAddress().getHostAddress()).onComplete(ar -> {
            ended.run();
            rt.connectionClosed();
            if (ar.failed()) {
                book.onDisconnected(a, true, rt.now());
            } else if (!stillWanted.getAsBoolean()) {
                ar.result().close();
                book.onDisconnected(a, false, rt.now());
            } else {
                attach.accept(ar.result());
            }
        });
    }

    /**
     * Whether a new connection (dialed, or accepted for this owner) is kept: only if its owner has
     * room under its own limit ({@code ownerHasRoom}, false too when it wants no connections), the
     * session has room, and the address is not banned. Otherwise the socket is closed, and for a
     * dial the peer book hears that it went nowhere.
     */
    static boolean admit(EngineRuntime rt, PeerBook book, NetSocket socket, InetSocketAddress a, boolean outgoing,
                         boolean ownerHasRoom) {
        if (ownerHasRoom && rt.connectionRoom() > 0 && !book.isBanned(a)) {
            return true;
        }
        socket.close();
        if (outgoing) {
            book.onDisconnected(a, false, rt.now());
        }
        return false;
    }
}
