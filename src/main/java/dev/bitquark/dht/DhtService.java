package dev.bitquark.dht;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The DHT on a real UDP socket: the only Vert.x class of the package. It deploys a small verticle so
 * it owns one event-loop context; the socket's packets, the 250 ms tick and every call into the
 * {@link DhtNode} run there, so the node needs no locks. The public methods are thread-safe: they
 * hop onto that context. Router names are resolved on a worker thread, never on the event loop, and
 * again with a backoff (5 s doubling to 5 min) while some do not resolve and the node is not ready;
 * unresolved names are reported in {@link DhtStats#unresolvedRouters()}.
 */
public final class DhtService {
    static final long TICK_MILLIS = 250;
    static final long FIRST_RESOLVE_RETRY_MILLIS = 5_000;
    static final long MAX_RESOLVE_RETRY_MILLIS = 5 * 60_000L;

    private final Vertx vertx;
    private final DhtSettings settings;
    private final DhtState saved;
    /** Set once in the verticle's start, before the service is handed out; read by callers' threads. */
    private volatile Context context;
    private DatagramSocket socket;
    private DhtNode node;
    private String deploymentId;
    private volatile int port;
    private long tickTimer = -1;
    private long resolveTimer = -1;
    private long resolveBackoff = FIRST_RESOLVE_RETRY_MILLIS;
    private final Set<InetSocketAddress> routers = new LinkedHashSet<>();
    private List<String> unresolved = List.of();
    private boolean closed;

    private DhtService(Vertx vertx, DhtSettings settings, DhtState saved) {
        this.vertx = vertx;
        this.settings = settings;
        this.saved = saved;
    }

    /** Binds the UDP socket and starts bootstrapping; fails if the socket cannot be bound. */
    public static Future<DhtService> start(Vertx vertx, DhtSettings s, DhtState saved) {
        DhtService service = new DhtService(vertx, s, saved);
        return vertx.deployVerticle(service.new Verticle()).map(id -> {
            service.deploymentId = id;
            return service;
        });
    }

    private final class Verticle extends AbstractVerticle {
        @Override
        public void start(Promise<Void> started) {
            DhtService.this.context = context;
            socket = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(settings.bindHost().contains(":")));
            node = new DhtNode(settings, System::currentTimeMillis, DhtService.this::send, new SecureRandom(), saved);
            socket.handler(DhtService.this::receive);
            socket.listen(settings.port(), settings.bindHost()).onComplete(ar -> {
                if (ar.failed()) {
                    started.fail(ar.cause());
                    return;
                }
                port = ar.result().localAddress().port();
                tickTimer = vertx.setPeriodic(TICK_MILLIS, t -> node.tick());
                resolveRouters();
                started.complete();
            });
        }
    }

    private void send(byte[] packet, InetSocketAddress to) {
        if (!closed) {
            socket.send(Buffer.buffer(packet), to.getPort(), to.getAddress().getHostAddress());
        }
    }

    private void receive(DatagramPacket packet) {
        Buffer data = packet.data();
        int length = data.length();
        // Bounded before allocation: copy at most one byte more than the codec accepts.
        byte[] bytes = data.getBytes(0, Math.min(length, dev.bitquark.dht.krpc.KrpcCodec.MAX_PACKET + 1));
        InetSocketAddress from;
        try {
            from = new InetSocketAddress(InetAddress.getByName(packet.sender().host()), packet.sender().port());
        } catch (UnknownHostException e) {
            return; // the sender is always an IP literal; nothing to answer otherwise
        }
        node.onPacket(bytes, length, from);
    }

    private void resolveRouters() {
        List<String> names = settings.bootstrap();
        vertx.<Resolved>executeBlocking(() -> resolve(names)).onComplete(ar -> {
            if (closed) {
                return;
            }
            Resolved r = ar.succeeded() ? ar.result() : new Resolved(List.of(), names);
            unresolved = r.unresolved();
            node.reportUnresolvedRouters(unresolved);
            boolean grew = routers.addAll(r.addresses());
            if (grew || resolveTimer == -1) {
                node.bootstrap(new ArrayList<>(routers));
            }
            if (!unresolved.isEmpty() && !"ready".equals(node.stats().bootstrap())) {
                resolveTimer = vertx.setTimer(resolveBackoff, t -> resolveRouters());
                resolveBackoff = Math.min(MAX_RESOLVE_RETRY_MILLIS, resolveBackoff * 2);
            } else {
                resolveTimer = -2;
            }
        });
    }

    record Resolved(List<InetSocketAddress> addresses, List<String> unresolved) {
    }

    /** Resolves {@code host:port} names (IPv4 only, as the node is); blocking, so on a worker. */
    static Resolved resolve(List<String> names) {
        List<InetSocketAddress> out = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            int colon = name.lastIndexOf(':');
            int p = -1;
            try {
                p = colon > 0 ? Integer.parseInt(name.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > 65535) {
                failed.add(name);
                continue;
            }
            String host = name.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                boolean any = false;
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (a instanceof java.net.Inet4Address) {
                        out.add(new InetSocketAddress(a, p));
                        any = true;
                    }
                }
                if (!any) {
                    failed.add(name);
                }
            } catch (UnknownHostException | SecurityException e) {
                failed.add(name);
            }
        }
        return new Resolved(out, failed);
    }

    /** The bound UDP port (the ephemeral one when the settings say 0). */
    public int port() {
        return port;
    }

    /**
     * As {@link DhtNode#getPeers}, from any thread. {@code found} is called on the DHT's context; the
     * returned handle is thread-safe.
     */
    public DhtLookup getPeers(byte[] infoHash20, int announcePort, boolean impliedPort,
                              Consumer<List<InetSocketAddress>> found) {
        byte[] ih = infoHash20.clone();
        dev.bitquark.dht.krpc.NodeId.of(ih); // validates now, in the caller's thread
        if (announcePort < 0 || announcePort > 65535) {
            throw new IllegalArgumentException("announce port must be 0..65535, got " + announcePort);
        }
        Remote remote = new Remote();
        context.runOnContext(v -> {
            if (!closed && !remote.stopped) {
                remote.inner = node.getPeers(ih, announcePort, impliedPort, found);
            }
        });
        return remote;
    }

    /** A handle whose calls hop onto the context; its fields are only touched there. */
    private final class Remote implements DhtLookup {
        private DhtLookup inner;
        private boolean stopped;

        @Override
        public void stop() {
            context.runOnContext(v -> {
                stopped = true;
                if (inner != null) {
                    inner.stop();
                }
            });
        }

        @Override
        public void wantMore(boolean fewPeers) {
            context.runOnContext(v -> {
                if (inner != null && !stopped) {
                    inner.wantMore(fewPeers);
                }
            });
        }
    }

    public void addNode(InetSocketAddress address) {
        context.runOnContext(v -> {
            if (!closed) {
                node.addNode(address);
            }
        });
    }

    public Future<DhtStats> stats() {
        Promise<DhtStats> p = Promise.promise();
        context.runOnContext(v -> p.complete(node.stats().withUnresolvedRouters(unresolved)));
        return p.future();
    }

    public Future<DhtState> state() {
        Promise<DhtState> p = Promise.promise();
        context.runOnContext(v -> p.complete(node.state()));
        return p.future();
    }

    /** Stops ticking, closes the socket and undeploys; the node's state can still be read before. */
    public Future<Void> close() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            if (closed) {
                p.complete();
                return;
            }
            closed = true;
            vertx.cancelTimer(tickTimer);
            if (resolveTimer >= 0) {
                vertx.cancelTimer(resolveTimer);
            }
            socket.close().eventually(() -> vertx.undeploy(deploymentId)).onComplete(ar -> p.complete());
        });
        return p.future();
    }
}
