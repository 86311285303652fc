/**
 * The mainline DHT (BEP 5): find peers for an info-hash without a tracker, and serve the DHT as a
 * node in return.
 *
 * <p>Layers: {@code krpc} is the pure KRPC codec (bounded before allocation, never throws on input),
 * {@code routing} the k-bucket routing table, {@code lookup} the candidate set of an iterative
 * lookup, {@code store} the announced peers and announce tokens, {@code limit} the rate limiters.
 * {@link dev.bitquark.dht.DhtNode} ties them into a single-threaded state machine with injected time
 * ({@link dev.bitquark.dht.DhtClock}) and an injected datagram sender
 * ({@link dev.bitquark.dht.DhtTransport}); {@link dev.bitquark.dht.DhtService} is the only Vert.x
 * class: it binds the UDP socket, owns one context, ticks the node and resolves router names.
 *
 * <p>Use: {@code DhtService.start(vertx, DhtSettings.defaults(host, port), savedStateOrNull)}, then
 * {@code getPeers(infoHash, listenPort, false, peers -> ...)} per torrent (the consumer runs on the
 * DHT's context: hop to your own before touching your state), {@code addNode} for a peer's BEP 5
 * PORT message, {@code state()} to persist, {@code close()} at shutdown.
 *
 * <p>Words: a <em>peer</em> is a BitTorrent peer (ip:port) found for a torrent; a <em>node</em> is a
 * DHT node (id, ip:port); a <em>router</em> is a well-known bootstrap host.
 */
package dev.bitquark.dht;
