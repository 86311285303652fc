package dev.bitquark.dht;

import java.net.InetSocketAddress;

/** Sends one UDP datagram. Called on the node's owner thread; must not block. */
@FunctionalInterface
public interface DhtTransport {
    void send(byte[] packet, InetSocketAddress to);
}
