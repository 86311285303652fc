package dev.bitquark.tracker;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.tracker.codec.AnnounceRequest;
import dev.bitquark.tracker.codec.AnnounceResponse;
import dev.bitquark.tracker.codec.ScrapeResponse;
import dev.bitquark.tracker.codec.TrackerException;
import dev.bitquark.tracker.codec.TrackerText;
import dev.bitquark.tracker.codec.TrackerUrls;
import dev.bitquark.tracker.codec.UdpTrackerCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * UDP tracker transport (BEP 15) over one Vert.x datagram socket shared by all trackers.
 *
 * <p>Each operation first obtains a connection id (cached per tracker for
 * {@link Options#connectionIdLifetime()}, BEP 15: one minute at the client), then sends its
 * request. A request not answered within {@code base * 2^n} is sent again with n + 1, up to
 * {@link Options#maxRetransmits()} (BEP 15: 15 s and n up to 8); a connection id that expires
 * meanwhile is renewed first. Responses are matched by transaction id; packets for no pending
 * transaction, from the wrong port, or too short to carry an id are ignored.
 *
 * <p>Threading: one instance per engine, used from the engine's event-loop context (the socket is
 * created on first use from that context, so its packets arrive there too). Not thread-safe.
 */
public final class UdpTrackerClient {
    /**
     * @param bindHost local address of the socket ({@code 0.0.0.0} for IPv4, {@code ::} for dual stack)
     * @param retransmitBase BEP 15 timeout of the first attempt (15 s)
     * @param maxRetransmits highest n of the {@code base * 2^n} ladder (BEP 15: 8)
     * @param connectionIdLifetime how long a connection id is reused (BEP 15: 1 minute)
     */
    public record Options(String bindHost, Duration retransmitBase, int maxRetransmits, Duration connectionIdLifetime) {
        public static final Options DEFAULTS =
                new Options("0.0.0.0", Duration.ofSeconds(15), 8, Duration.ofMinutes(1));

        public Options {
            Objects.requireNonNull(bindHost, "bindHost");
            if (retransmitBase.isNegative() || retransmitBase.isZero() || maxRetransmits < 0 || maxRetransmits > 16
                    || connectionIdLifetime.isNegative()) {
                throw new IllegalArgumentException("invalid UDP tracker options: " + retransmitBase + ", "
                        + maxRetransmits + ", " + connectionIdLifetime);
            }
        }
    }

    /** A tracker's host and port from its {@code udp://} URL. */
    record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** What a datagram request is and how its answer is read. */
    private interface Operation<T> {
        byte[] request(long connectionId, int transactionId);

        T parse(byte[] packet, int transactionId, boolean ipv6) throws TrackerException;
    }

    private record Reply(byte[] packet, int transactionId, boolean ipv6) {
    }

    private record CachedId(long id, long obtainedNanos) {
    }

    /** One datagram waiting for its answer. */
    private static final class Pending {
        final Promise<Reply> promise = Promise.promise();
        final Endpoint endpoint;
        long timer;

        Pending(Endpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    /** Marks "no answer within this attempt's timeout", which leads to a retransmit. */
    private static final class AttemptTimeout extends Exception {
        AttemptTimeout() {
            super(null, null, false, false);
        }
    }

    private final Vertx vertx;
    private final Options options;
    // Transaction ids guard against spoofed answers (BEP 15), so they must not be predictable.
    private final Random random = new SecureRandom();
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final Map<Endpoint, CachedId> connectionIds = new HashMap<>();
    private DatagramSocket socket;
    private Future<DatagramSocket> bound;
    private boolean closed;

    public UdpTrackerClient(Vertx vertx, Options options) {
        this.vertx = vertx;
        this.options = options;
    }

    /** Announces with the BEP 15 retransmit ladder as the only time limit. */
    public Future<AnnounceResponse> announce(String url, AnnounceRequest request) {
        return announce(url, request, null);
    }

    /** Announces; {@code deadline}, if not null, bounds the whole exchange (used for {@code stopped}). */
    public Future<AnnounceResponse> announce(String url, AnnounceRequest request, Duration deadline) {
        return run(url, deadline, new Operation<>() {
            @Override
            public byte[] request(long connectionId, int transactionId) {
                return UdpTrackerCodec.announceRequest(connectionId, transactionId, request);
            }

            @Override
            public AnnounceResponse parse(byte[] packet, int transactionId, boolean ipv6) throws TrackerException {
                return UdpTrackerCodec.parseAnnounceResponse(packet, transactionId, ipv6);
            }
        });
    }

    /** Scrapes one torrent (BEP 15 scrape). */
    public Future<ScrapeResponse> scrape(String url, InfoHash infoHash) {
        return run(url, null, new Operation<>() {
            @Override
            public byte[] request(long connectionId, int transactionId) {
                return UdpTrackerCodec.scrapeRequest(connectionId, transactionId, List.of(infoHash));
            }

            @Override
            public ScrapeResponse parse(byte[] packet, int transactionId, boolean ipv6)
                    throws TrackerException {
                return UdpTrackerCodec.parseScrapeResponse(packet, transactionId, 1).get(0);
            }
        });
    }

    /** Fails everything pending and closes the socket. */
    public Future<Void> close() {
        closed = true;
        for (Pending p : new ArrayList<>(pending.values())) {
            vertx.cancelTimer(p.timer);
            p.promise.tryFail(new TrackerException(TrackerException.Kind.TRANSPORT, "UDP tracker client closed"));
        }
        pending.clear();
        return socket == null ? Future.succeededFuture() : socket.close();
    }

    /** The bound local port, or -1 before first use. */
    public int localPort() {
        return socket == null || socket.localAddress() == null ? -1 : socket.localAddress().port();
    }

    static Endpoint endpoint(String url) throws TrackerException {
        URI uri = TrackerUrls.parse(url);
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("udp")) {
            throw new TrackerException(TrackerException.Kind.INVALID_URL, "not a udp tracker URL: "
                    + TrackerText.clean(url));
        }
        String host = uri.getHost();
        if (host == null || uri.getPort() < 1 || uri.getPort() > 65535) {
            throw new TrackerException(TrackerException.Kind.INVALID_URL, "udp tracker URL needs host and port: "
                    + TrackerText.clean(url));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host, uri.getPort());
    }

    private <T> Future<T> run(String url, Duration deadline, Operation<T> op) {
        if (closed) {
            return Future.failedFuture(new TrackerException(TrackerException.Kind.TRANSPORT, "UDP tracker client closed"));
        }
        Endpoint ep;
        try {
            ep = endpoint(url);
        } catch (TrackerException e) {
            return Future.failedFuture(e);
        }
        Promise<T> result = Promise.promise();
        if (deadline != null) {
            long timer = vertx.setTimer(Math.max(1, deadline.toMillis()), id -> result.tryFail(new TrackerException(
                    TrackerException.Kind.TRANSPORT, "udp tracker " + ep + " did not answer within " + deadline.toMillis() + " ms")));
            result.future().onComplete(ar -> vertx.cancelTimer(timer));
        }
        socket().onComplete(ar -> {
            if (ar.failed()) {
                result.tryFail(new TrackerException(TrackerException.Kind.TRANSPORT,
                        "cannot open UDP socket on " + options.bindHost() + ": " + ar.cause().getMessage(), ar.cause()));
            } else {
                step(ep, op, 0, result);
            }
        });
        return result.future();
    }

    /** One rung of the retransmit ladder: connect if needed, else send the request itself. */
    private <T> void step(Endpoint ep, Operation<T> op, int attempt, Promise<T> result) {
        if (result.future().isComplete()) {
            return;  // the caller's deadline passed
        }
        if (attempt > options.maxRetransmits()) {
            result.tryFail(new TrackerException(TrackerException.Kind.TRANSPORT, "udp tracker " + ep
                    + " did not answer after " + attempt + " attempts"));
            return;
        }
        CachedId cached = connectionIds.get(ep);
        if (cached != null && System.nanoTime() - cached.obtainedNanos() > lifetimeNanos()) {
            connectionIds.remove(ep);
            cached = null;
        }
        if (cached == null) {
            exchange(ep, UdpTrackerCodec::connectRequest, attempt, result).onComplete(ar -> {
                if (ar.failed()) {
                    retryOrFail(ep, op, attempt, result, ar.cause());
                    return;
                }
                Reply r = ar.result();
                try {
                    long id = UdpTrackerCodec.parseConnectResponse(r.packet(), r.transactionId());
                    long now = System.nanoTime();
                    // Forget ids that expired meanwhile, so the cache never outgrows the live trackers.
                    connectionIds.values().removeIf(c -> now - c.obtainedNanos() > lifetimeNanos());
                    connectionIds.put(ep, new CachedId(id, now));
                    // Use the fresh id right away, whatever its age by now: re-checking could loop.
                    request(ep, op, attempt, result, id);
                } catch (TrackerException e) {
                    result.tryFail(e);
                }
            });
            return;
        }
        request(ep, op, attempt, result, cached.id());
    }

    private long lifetimeNanos() {
        return options.connectionIdLifetime().toNanos();
    }

    private <T> void request(Endpoint ep, Operation<T> op, int attempt, Promise<T> result, long connectionId) {
        exchange(ep, tx -> op.request(connectionId, tx), attempt, result).onComplete(ar -> {
            if (ar.failed()) {
                retryOrFail(ep, op, attempt, result, ar.cause());
                return;
            }
            Reply r = ar.result();
            try {
                result.tryComplete(op.parse(r.packet(), r.transactionId(), r.ipv6()));
            } catch (TrackerException e) {
                if (e.kind() == TrackerException.Kind.REFUSED) {
                    // Often "connection id mismatch": start over with a fresh id next time.
                    connectionIds.remove(ep);
                }
                result.tryFail(e);
            }
        });
    }

    private <T> void retryOrFail(Endpoint ep, Operation<T> op, int attempt, Promise<T> result, Throwable cause) {
        if (cause instanceof AttemptTimeout) {
            step(ep, op, attempt + 1, result);
        } else {
            result.tryFail(cause instanceof TrackerException te ? te : new TrackerException(
                    TrackerException.Kind.TRANSPORT, "udp send to " + ep + " failed: " + cause.getMessage(), cause));
        }
    }

    /** Sends one datagram and waits {@code base * 2^attempt} for the answer with its transaction id. */
    private Future<Reply> exchange(Endpoint ep, IntFunction<byte[]> build, int attempt,
                                   Promise<?> owner) {
        int tx;
        do {
            tx = random.nextInt();
        } while (pending.containsKey(tx));
        int transactionId = tx;
        Pending p = new Pending(ep);
        pending.put(transactionId, p);
        long timeoutMs = options.retransmitBase().toMillis() << attempt;
        p.timer = vertx.setTimer(Math.max(1, timeoutMs), id -> {
            if (pending.remove(transactionId, p)) {
                p.promise.tryFail(new AttemptTimeout());
            }
        });
        // When the operation ends early (deadline, close), stop waiting for this datagram.
        owner.future().onComplete(ar -> {
            if (pending.remove(transactionId, p)) {
                vertx.cancelTimer(p.timer);
                p.promise.tryFail(new TrackerException(TrackerException.Kind.TRANSPORT, "abandoned"));
            }
        });
        socket.send(Buffer.buffer(build.apply(transactionId)), ep.port(), ep.host()).onFailure(e -> {
            if (pending.remove(transactionId, p)) {
                vertx.cancelTimer(p.timer);
                p.promise.tryFail(e);
            }
        });
        return p.promise.future();
    }

    private Future<DatagramSocket> socket() {
        if (bound == null) {
            socket = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(options.bindHost().contains(":")));
            socket.handler(this::onPacket);
            bound = socket.listen(0, options.bindHost()).onFailure(e -> bound = null);
        }
        return bound;
    }

    private void onPacket(DatagramPacket packet) {
        Buffer data = packet.data();
        if (data.length() < 8) {
            return;  // too short to be an answer to anything
        }
        int tx = data.getInt(4);
        Pending p = pending.get(tx);
        if (p == null || packet.sender().port() != p.endpoint.port()) {
            return;  // late, duplicate or forged
        }
        pending.remove(tx);
        vertx.cancelTimer(p.timer);
        boolean ipv6 = packet.sender().host().indexOf(':') >= 0;
        p.promise.tryComplete(new Reply(data.getBytes(), tx, ipv6));
    }
}
