package dev.bitquark.lsd;

import dev.bitquark.metainfo.InfoHash;
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
import java.net.NetworkInterface;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Local service discovery (BEP 14): one UDP socket bound to the group's port and joined to the group,
 * sending our torrents' announces and hearing other clients'.
 *
 * <p>Sending: each announced torrent goes out when added and then every
 * {@link LsdSettings#announceInterval()} ({@link AnnounceSchedule}), torrents due together in one packet,
 * and never more than {@link LsdSettings#maxAnnouncesPerSecond()} packets a second. Receiving: at most
 * {@link LsdSettings#maxReceivedPerSecond()} packets a second are read; a packet is dropped, counted by
 * {@link LsdDropReason}, if it is malformed, from outside the local subnets, or carries our own cookie
 * (the group loops our packets back to us, as it does libtorrent's). A peer is the packet's source address
 * with the announced Port, reported to every registration of an info-hash it names; info-hashes we do not
 * announce are ignored.
 *
 * <p>Threading: the service lives on the Vert.x context {@link #start} is called from (or a new event-loop
 * context), where consumers are called too. Its public methods are thread-safe.
 *
 * <p>The caller decides what to announce: private torrents must not be (BEP 27), nor should a torrent that
 * is paused. IPv4 only; each announce is sent once per interval, where libtorrent sends it three times
 * (2 s and 4 s apart) against packet loss.
 */
public final class LsdService {
    private static final Logger LOG = Logger.getLogger(LsdService.class.getName());
    /** Multicast hops, as libtorrent sets them; the group's organisation-local scope keeps it in the site. */
    static final int TTL = 32;
    /** Registrations made within this time of each other go out in the same packets. */
    static final long BATCH_DELAY_NANOS = 100_000_000L;

    private final Vertx vertx;
    private final Context context;
    private final LsdSettings settings;
    private final DatagramSocket socket;
    private final List<String> interfaces;
    private final LocalNetworks local;
    /** Told apart from other clients' cookies, not secret: 31 random bits in hex as libtorrent's. */
    private final String cookie = Integer.toHexString(new SecureRandom().nextInt() & 0x7fffffff);
    private final AnnounceSchedule schedule;
    private final TokenBucket sendBucket;
    private final TokenBucket receiveBucket;
    private final Map<InfoHash, List<Registration>> registrations = new HashMap<>();
    private final EnumMap<LsdDropReason, Long> dropped = new EnumMap<>(LsdDropReason.class);
    private long announcesSent;
    private long infoHashesSent;
    private long sendFailures;
    private long announcesReceived;
    private long peersReported;
    private long unwantedInfoHashes;
    private long timerId = -1;
    private long timerAt;
    private Future<Void> closing;

    private LsdService(Vertx vertx, Context context, LsdSettings settings, DatagramSocket socket,
                       List<String> interfaces, LocalNetworks local) {
        this.vertx = vertx;
        this.context = context;
        this.settings = settings;
        this.socket = socket;
        this.interfaces = List.copyOf(interfaces);
        this.local = local;
        long now = System.nanoTime();
        this.schedule = new AnnounceSchedule(settings.announceInterval().toNanos(), LsdMessage.MAX_INFO_HASHES);
        this.sendBucket = new TokenBucket(settings.maxAnnouncesPerSecond(), now);
        this.receiveBucket = new TokenBucket(settings.maxReceivedPerSecond(), now);
        for (LsdDropReason r : LsdDropReason.values()) {
            dropped.put(r, 0L);
        }
    }

    /**
     * Binds {@code settings.port()} (with address reuse, so other clients on this host can too), joins the
     * group on the configured interface (or every usable one) and starts listening.
     */
    public static Future<LsdService> start(Vertx vertx, LsdSettings settings) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(settings, "settings");
        Context context = vertx.getOrCreateContext();
        Promise<LsdService> result = Promise.promise();
        context.runOnContext(v -> {
            List<NetworkInterface> nis;
            try {
                nis = LocalNetworks.resolve(settings.networkInterface());
            } catch (Exception e) {
                result.fail(e);
                return;
            }
            DatagramSocketOptions options = new DatagramSocketOptions().setReuseAddress(true)
                    .setLoopbackModeDisabled(false).setMulticastTimeToLive(TTL);
            if (settings.networkInterface() != null) {
                options.setMulticastNetworkInterface(settings.networkInterface());
            }
            // Created on the context, so its packets arrive there.
            DatagramSocket socket = vertx.createDatagramSocket(options);
            socket.listen(settings.port(), "0.0.0.0")
                    .compose(s -> join(socket, settings.group(), nis))
                    .onSuccess(joined -> {
                        LsdService service = new LsdService(vertx, context, settings, socket,
                                joined.stream().map(NetworkInterface::getName).toList(), LocalNetworks.of(joined));
                        socket.handler(service::onPacket);
                        LOG.fine(() -> "LSD on " + settings.host() + " via " + service.interfaces + ", local subnets "
                                + service.local);
                        result.complete(service);
                    })
                    .onFailure(e -> socket.close().onComplete(c -> result.fail(new IllegalStateException(
                            "cannot start LSD on " + settings.host() + ": " + e.getMessage(), e))));
        });
        return result.future();
    }

    /** Joins the group on each interface; those that refuse are left out, unless all do. */
    private static Future<List<NetworkInterface>> join(DatagramSocket socket, String group, List<NetworkInterface> nis) {
        List<Future<Void>> joins = nis.stream()
                .map(ni -> socket.listenMulticastGroup(group, ni.getName(), null)).toList();
        return Future.join(joins).transform(ar -> {
            List<NetworkInterface> joined = new ArrayList<>();
            for (int i = 0; i < nis.size(); i++) {
                if (joins.get(i).succeeded()) {
                    joined.add(nis.get(i));
                } else {
                    LOG.log(Level.FINE, "LSD cannot join " + group + " on " + nis.get(i).getName(), joins.get(i).cause());
                }
            }
            return joined.isEmpty()
                    ? Future.failedFuture(new IllegalStateException("cannot join " + group + " on "
                            + nis.stream().map(NetworkInterface::getName).toList() + ": " + joins.get(0).cause()))
                    : Future.succeededFuture(joined);
        });
    }

    /**
     * Announces {@code infoHash20} with our {@code peerPort} now (within {@link #BATCH_DELAY_NANOS}, so that
     * torrents added together share packets) and every interval, within the rate limits, and reports peers
     * that announce it to {@code found} on the service's context. Thread-safe: called from another thread,
     * the registration takes effect when its hop onto the context runs (before anything queued there
     * later, such as a {@link #stats()} call; a packet being read meanwhile may miss it). After
     * {@link #close} the handle does nothing.
     */
    public LsdAnnounce announce(byte[] infoHash20, int peerPort, Consumer<List<InetSocketAddress>> found) {
        InfoHash ih = InfoHash.of(infoHash20);
        if (peerPort < 1 || peerPort > 65535) {
            throw new IllegalArgumentException("peer port out of range: " + peerPort);
        }
        Registration r = new Registration(ih, peerPort, Objects.requireNonNull(found, "found"));
        context.runOnContext(v -> add(r));
        return r;
    }

    /** The counters, read on the service's context. */
    public Future<LsdStats> stats() {
        Promise<LsdStats> p = Promise.promise();
        context.runOnContext(v -> p.complete(new LsdStats(announcesSent, infoHashesSent, sendFailures,
                announcesReceived, peersReported, unwantedInfoHashes, dropped, closing != null ? 0 : schedule.torrents())));
        return p.future();
    }

    /** Our cookie, which our announces carry. */
    public String cookie() {
        return cookie;
    }

    /** The interfaces the group was joined on. */
    public List<String> interfaces() {
        return interfaces;
    }

    /** Stops announcing, leaves the group and closes the socket. Idempotent. */
    public Future<Void> close() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            if (closing == null) {
                cancelTimer();
                registrations.clear();
                Future<?> left = Future.join(interfaces.stream()
                        .map(n -> socket.unlistenMulticastGroup(settings.group(), n, null)).toList());
                closing = left.transform(x -> socket.close());
            }
            closing.onComplete(p);
        });
        return p.future();
    }

    private void add(Registration r) {
        if (closing != null || r.stopped.get()) {
            return;
        }
        registrations.computeIfAbsent(r.infoHash, k -> new ArrayList<>()).add(r);
        long now = System.nanoTime();
        schedule.add(r.infoHash, r.peerPort, now);
        wakeAt(now + BATCH_DELAY_NANOS, now);
    }

    private void remove(Registration r) {
        List<Registration> list = registrations.get(r.infoHash);
        if (list != null && list.remove(r)) {
            if (list.isEmpty()) {
                registrations.remove(r.infoHash);
            }
            schedule.remove(r.infoHash, r.peerPort);
        }
    }

    /** Sends what is due and the rate allows, then sleeps until the next due torrent or token. */
    private void pump() {
        timerId = -1;
        if (closing != null) {
            return;
        }
        long now = System.nanoTime();
        for (AnnounceSchedule.Packet p : schedule.takeDue(now, sendBucket.available(now))) {
            sendBucket.tryTake(now);
            send(p);
        }
        if (schedule.isEmpty()) {
            return;
        }
        long due = schedule.nextDue(now);
        long at = due - now > 0 ? due : now + sendBucket.nanosUntilToken(now);
        wakeAt(at, now);
    }

    private void send(AnnounceSchedule.Packet p) {
        List<byte[]> hashes = p.infoHashes().stream().map(InfoHash::toBytes).toList();
        byte[] msg = LsdMessage.encode(settings.host(), p.port(), hashes, cookie);
        announcesSent++;
        infoHashesSent += hashes.size();
        socket.send(Buffer.buffer(msg), settings.port(), settings.group()).onFailure(e -> {
            sendFailures++;
            LOG.log(Level.FINE, "LSD announce to " + settings.host() + " failed", e);
        });
    }

    private void wakeAt(long at, long now) {
        if (timerId != -1 && timerAt - at <= 0) {
            return;  // an earlier wake-up is set already
        }
        cancelTimer();
        timerAt = at;
        long ms = Math.max(1, (at - now + 999_999) / 1_000_000);
        timerId = vertx.setTimer(ms, id -> {
            if (id == timerId) {
                pump();
            }
        });
    }

    private void cancelTimer() {
        if (timerId != -1) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private void onPacket(DatagramPacket packet) {
        if (closing != null) {
            return;
        }
        if (!receiveBucket.tryTake(System.nanoTime())) {
            drop(LsdDropReason.RATE_LIMITED);
            return;
        }
        Buffer data = packet.data();
        if (data.length() > LsdMessage.MAX_PACKET) {
            drop(LsdDropReason.TOO_LARGE);  // before copying it out of the buffer
            return;
        }
        InetAddress from = LocalNetworks.ipv4(packet.sender().host());
        if (from == null) {
            drop(LsdDropReason.NOT_IPV4);
            return;
        }
        if (!local.contains(from)) {
            drop(LsdDropReason.NOT_LOCAL);
            return;
        }
        LsdMessage.Announce a;
        try {
            a = LsdMessage.decode(data.getBytes(), data.length());
        } catch (LsdException e) {
            drop(e.reason());
            return;
        }
        if (cookie.equals(a.cookie())) {
            drop(LsdDropReason.OWN_MESSAGE);
            return;
        }
        announcesReceived++;
        List<InetSocketAddress> peer = List.of(new InetSocketAddress(from, a.port()));
        for (InfoHash ih : a.hashes()) {
            List<Registration> regs = registrations.get(ih);
            if (regs == null) {
                unwantedInfoHashes++;
                continue;
            }
            for (Registration r : List.copyOf(regs)) {
                r.report(peer);
            }
        }
    }

    private void drop(LsdDropReason reason) {
        dropped.merge(reason, 1L, Long::sum);
    }

    /** One {@link #announce} call. */
    private final class Registration implements LsdAnnounce {
        final InfoHash infoHash;
        final int peerPort;
        final Consumer<List<InetSocketAddress>> found;
        final AtomicBoolean stopped = new AtomicBoolean();

        Registration(InfoHash infoHash, int peerPort, Consumer<List<InetSocketAddress>> found) {
            this.infoHash = infoHash;
            this.peerPort = peerPort;
            this.found = found;
        }

        @Override
        public void stop() {
            if (stopped.compareAndSet(false, true)) {
                context.runOnContext(v -> remove(this));
            }
        }

        void report(List<InetSocketAddress> peers) {
            if (stopped.get()) {
                return;
            }
            peersReported += peers.size();
            try {
                found.accept(peers);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "LSD peer consumer for " + infoHash + " failed", e);
            }
        }
    }
}
