package dev.bitquark.tracker;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.tracker.codec.AnnounceRequest;
import dev.bitquark.tracker.codec.AnnounceRequest.Event;
import dev.bitquark.tracker.codec.AnnounceResponse;
import dev.bitquark.tracker.codec.TrackerText;
import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps one torrent announced to its trackers.
 *
 * <p>BEP 12 tiers: each tier is shuffled once; an announce round tries the trackers tier by tier,
 * in order, and stops at the first that answers, which moves to the front of its tier. If none
 * answers, the round is retried after an exponential back-off ({@link Options#backoffBase()} doubling
 * up to {@link Options#backoffMax()}); after a success the next round follows the tracker's interval.
 *
 * <p>BEP 3 events: {@code started} to every tracker the first time it is used, {@code completed}
 * once when the download finishes ({@link #completed()}), {@code stopped} to every tracker that
 * knows us on {@link #stop()} (best effort, with a short deadline).
 *
 * <p>Threading: confined to the engine's event-loop context: construct, call and let its timers fire
 * there. Not thread-safe.
 */
public final class Announcer {
    /** Transfer counters at announce time (BEP 3 uploaded, downloaded, left). */
    public record Transfer(long uploaded, long downloaded, long left) {
    }

    /**
     * @param numWant peers asked for per announce
     * @param announceTimeout deadline of one announce to one tracker before the round moves on. The
     *                        full BEP 15 retransmit ladder lasts over two hours, and BEP 12 fail-over
     *                        to the next tracker cannot wait that long; 2 minutes still covers the
     *                        UDP attempts n = 0..2 (15 + 30 + 60 s)
     * @param backoffBase retry delay after the first failed round
     * @param backoffMax cap of the doubling retry delay
     * @param stopTimeout deadline of the best-effort {@code stopped} announces
     */
    public record Options(int numWant, Duration announceTimeout, Duration backoffBase, Duration backoffMax,
                          Duration stopTimeout) {
        public static final Options DEFAULTS = new Options(50, Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofSeconds(5));

        public Options {
            Objects.requireNonNull(announceTimeout, "announceTimeout");
            Objects.requireNonNull(backoffBase, "backoffBase");
            Objects.requireNonNull(backoffMax, "backoffMax");
            Objects.requireNonNull(stopTimeout, "stopTimeout");
            if (numWant < -1 || !positive(announceTimeout) || !positive(backoffBase)
                    || backoffMax.compareTo(backoffBase) < 0 || !positive(stopTimeout)) {
                throw new IllegalArgumentException("invalid announcer options: numWant=" + numWant + ", announceTimeout="
                        + announceTimeout + ", backoff=" + backoffBase + ".." + backoffMax + ", stopTimeout="
                        + stopTimeout);
            }
        }

        private static boolean positive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }
    }

    /** Mutable state of one tracker; owned by the announcer. */
    private static final class Tracker {
        final String url;
        int tier;
        final boolean supported;
        boolean started;
        String trackerId;
        Instant lastAnnounce;
        TrackerStatus.Result result;
        String message;
        int peers;
        Instant nextAnnounce;
        int seeders = -1;
        int leechers = -1;

        Tracker(String url, int tier) {
            this.url = url;
            this.tier = tier;
            this.supported = TrackerClient.scheme(url) != TrackerClient.Scheme.UNSUPPORTED;
            this.result = supported ? TrackerStatus.Result.NOT_CONTACTED : TrackerStatus.Result.UNSUPPORTED;
            this.message = supported ? null : "unsupported tracker scheme";
        }

        TrackerStatus status() {
            return new TrackerStatus(url, tier, lastAnnounce, result, message, peers, nextAnnounce, seeders, leechers);
        }

        /** This tracker, with its state (an announce in flight still updates it), in tier {@code newTier}. */
        Tracker moveTo(int newTier) {
            tier = newTier;
            return this;
        }
    }

    private enum Phase { IDLE, RUNNING, STOPPED }

    private final TrackerClient client;
    private final Scheduler scheduler;
    private final InfoHash infoHash;
    private final PeerId peerId;
    private final int port;
    private final Supplier<Transfer> transfer;
    private final Consumer<List<InetSocketAddress>> onPeers;
    private final Options options;
    private final int key;
    private final List<List<Tracker>> tiers = new ArrayList<>();

    private Phase phase = Phase.IDLE;
    private boolean inFlight;
    private boolean completedPending;
    private boolean completedSent;
    private boolean roundRequested;
    private long timer = -1;
    private int failedRounds;
    private Instant earliestNext = Instant.MIN;

    /**
     * @param tiers announce URLs by tier (BEP 12 {@code announce-list}, or one tier holding the
     *              {@code announce} URL); duplicates and empty tiers are dropped
     * @param transfer current counters, asked at every announce
     * @param onPeers receives the peers of every successful announce
     * @param random shuffles the tiers and picks the BEP 7 key
     */
    public Announcer(TrackerClient client, Scheduler scheduler, InfoHash infoHash, PeerId peerId, int port,
                     List<List<String>> tiers, Supplier<Transfer> transfer, Consumer<List<InetSocketAddress>> onPeers,
                     Options options, Random random) {
        this.client = Objects.requireNonNull(client, "client");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.infoHash = Objects.requireNonNull(infoHash, "infoHash");
        this.peerId = Objects.requireNonNull(peerId, "peerId");
        this.port = port;
        this.transfer = Objects.requireNonNull(transfer, "transfer");
        this.onPeers = Objects.requireNonNull(onPeers, "onPeers");
        this.options = Objects.requireNonNull(options, "options");
        this.key = random.nextInt();
        Set<String> seen = new HashSet<>();
        for (List<String> urls : tiers) {
            List<Tracker> tier = new ArrayList<>();
            for (String url : urls) {
                if (url != null && !url.isBlank() && seen.add(url.strip())) {
                    tier.add(new Tracker(url.strip(), this.tiers.size()));
                }
            }
            if (!tier.isEmpty()) {
                // BEP 12: shuffle each tier once, so load spreads over a tier's trackers.
                Collections.shuffle(tier, random);
                this.tiers.add(tier);
            }
        }
    }

    /** Starts announcing: the first round carries {@code started}. */
    public void start() {
        if (phase != Phase.IDLE) {
            return;
        }
        phase = Phase.RUNNING;
        round();
    }

    /** The download finished: announce {@code completed} now (once per torrent). */
    public void completed() {
        if (completedSent || completedPending) {
            return;
        }
        completedPending = true;
        announceSoon();
    }

    /**
     * Announces now unless the last tracker's {@code min interval} forbids it, in which case the
     * round runs as soon as allowed.
     */
    public void reannounce() {
        announceSoon();
    }

    /**
     * Stops announcing and sends {@code stopped} to every tracker that knows us (pause, removal,
     * shutdown). Best effort: the future always succeeds, at the latest after
     * {@link Options#stopTimeout()}. An announcer does not restart; resuming creates a new one.
     */
    public Future<Void> stop() {
        if (phase == Phase.STOPPED) {
            return Future.succeededFuture();
        }
        phase = Phase.STOPPED;
        cancelTimer();
        List<Future<?>> sent = new ArrayList<>();
        for (List<Tracker> tier : tiers) {
            for (Tracker t : tier) {
                t.nextAnnounce = null;
                if (t.started) {
                    sent.add(sendStopped(t));
                }
            }
        }
        return Future.join(sent).<Void>mapEmpty().otherwiseEmpty();
    }

    /**
     * The trackers change (the user added or removed some) while announcing. Trackers that stay keep their state
     * (started, interval, tracker id); removed ones that know us get {@code stopped} (best effort); new ones are
     * announced to soon, so the user sees them answer. Tiers as in the constructor; each new tier is shuffled.
     */
    public void setTiers(List<List<String>> newTiers, Random random) {
        java.util.Map<String, Tracker> old = new java.util.HashMap<>();
        for (List<Tracker> tier : tiers) {
            for (Tracker t : tier) {
                old.put(t.url, t);
            }
        }
        tiers.clear();
        Set<String> seen = new HashSet<>();
        boolean added = false;
        for (List<String> urls : newTiers) {
            List<Tracker> tier = new ArrayList<>();
            for (String url : urls) {
                String u = url == null ? "" : url.strip();
                if (u.isEmpty() || !seen.add(u)) {
                    continue;
                }
                Tracker kept = old.remove(u);
                if (kept == null) {
                    added = true;
                    tier.add(new Tracker(u, tiers.size()));
                } else {
                    tier.add(kept.moveTo(tiers.size()));
                }
            }
            if (!tier.isEmpty()) {
                Collections.shuffle(tier, random);
                tiers.add(tier);
            }
        }
        if (phase == Phase.RUNNING) {
            for (Tracker gone : old.values()) {
                if (gone.started) {
                    sendStopped(gone);
                }
            }
            if (added) {
                announceSoon();
            }
        }
    }

    /** Scrapes every supported tracker and records the counts; failures leave the status as it was. */
    public Future<Void> scrape() {
        List<Future<?>> all = new ArrayList<>();
        for (List<Tracker> tier : tiers) {
            for (Tracker t : tier) {
                if (t.supported) {
                    all.add(client.scrape(t.url, infoHash).onSuccess(s -> {
                        if (s.complete() >= 0) {
                            t.seeders = s.complete();
                        }
                        if (s.incomplete() >= 0) {
                            t.leechers = s.incomplete();
                        }
                    }));
                }
            }
        }
        return Future.join(all).<Void>mapEmpty().otherwiseEmpty();
    }

    /** Status of every tracker, in current try order. */
    public List<TrackerStatus> status() {
        List<TrackerStatus> out = new ArrayList<>();
        for (List<Tracker> tier : tiers) {
            for (Tracker t : tier) {
                out.add(t.status());
            }
        }
        return out;
    }

    /** The BEP 7 key sent with every announce of this torrent. */
    public int key() {
        return key;
    }

    private void announceSoon() {
        if (phase != Phase.RUNNING) {
            return;
        }
        if (inFlight) {
            roundRequested = true;
            return;
        }
        Instant now = scheduler.now();
        if (now.isBefore(earliestNext)) {
            schedule(Duration.between(now, earliestNext));
        } else {
            round();
        }
    }

    private void round() {
        if (phase != Phase.RUNNING || inFlight) {
            return;
        }
        cancelTimer();
        List<Tracker> order = new ArrayList<>();
        for (List<Tracker> tier : tiers) {
            for (Tracker t : tier) {
                if (t.supported) {
                    order.add(t);
                }
            }
        }
        if (order.isEmpty()) {
            return;
        }
        inFlight = true;
        tryTracker(order, 0);
    }

    private void tryTracker(List<Tracker> order, int index) {
        if (phase != Phase.RUNNING) {
            inFlight = false;
            return;
        }
        if (index == order.size()) {
            allFailed(order);
            return;
        }
        Tracker t = order.get(index);
        Event event = !t.started ? Event.STARTED : completedPending ? Event.COMPLETED : Event.NONE;
        AnnounceRequest request = request(event, options.numWant(), t.trackerId);
        // A started announce with left == 0 tells the tracker we are complete as well.
        boolean carriesCompletion = completedPending && (event == Event.COMPLETED || request.left() == 0);
        t.result = TrackerStatus.Result.UPDATING;
        client.announce(t.url, request, options.announceTimeout()).onComplete(ar -> {
            t.lastAnnounce = scheduler.now();
            if (ar.succeeded()) {
                succeeded(t, event, carriesCompletion, ar.result());
            } else {
                t.result = TrackerStatus.Result.ERROR;
                t.message = TrackerText.clean(String.valueOf(ar.cause().getMessage()));
                t.nextAnnounce = null;
                // BEP 12: on failure go on to the next tracker (of this tier, then the next tier).
                tryTracker(order, index + 1);
            }
        });
    }

    private void succeeded(Tracker t, Event event, boolean carriesCompletion, AnnounceResponse response) {
        inFlight = false;
        t.result = TrackerStatus.Result.OK;
        t.message = response.warning();
        t.peers = response.peers().size();
        if (response.seeders() >= 0) {
            t.seeders = response.seeders();
        }
        if (response.leechers() >= 0) {
            t.leechers = response.leechers();
        }
        if (response.trackerId() != null) {
            t.trackerId = response.trackerId();
        }
        if (phase == Phase.STOPPED) {
            // stop() ran while this started announce was in flight and could not include this tracker.
            if (event == Event.STARTED) {
                sendStopped(t);
            }
            return;
        }
        t.started = true;
        if (carriesCompletion) {
            completedPending = false;
            completedSent = true;
        }
        failedRounds = 0;
        // BEP 12: a tracker that answers moves to the front of its tier.
        List<Tracker> tier = tiers.get(t.tier);
        tier.remove(t);
        tier.add(0, t);
        Instant now = scheduler.now();
        earliestNext = now.plus(response.minInterval());
        schedule(t, response.interval());
        onPeers.accept(response.peers());
        if (roundRequested) {
            // completed() or reannounce() came while this round was in flight.
            roundRequested = false;
            announceSoon();
        }
    }

    private void allFailed(List<Tracker> order) {
        inFlight = false;
        failedRounds++;
        // Exponential back-off: base * 2^(failures-1), capped; the shift is bounded to avoid overflow.
        int shift = Math.min(failedRounds - 1, 20);
        Duration delay = options.backoffBase().multipliedBy(1L << shift);
        if (delay.compareTo(options.backoffMax()) > 0) {
            delay = options.backoffMax();
        }
        Instant next = scheduler.now().plus(delay);
        for (Tracker t : order) {
            t.nextAnnounce = next;
        }
        roundRequested = false;
        schedule(delay);
    }

    private void schedule(Tracker t, Duration delay) {
        schedule(delay);
        t.nextAnnounce = scheduler.now().plus(delay);
    }

    private void schedule(Duration delay) {
        cancelTimer();
        timer = scheduler.schedule(delay, () -> {
            timer = -1;
            round();
        });
    }

    private void cancelTimer() {
        if (timer != -1) {
            scheduler.cancel(timer);
            timer = -1;
        }
    }

    private Future<?> sendStopped(Tracker t) {
        AnnounceRequest request = request(Event.STOPPED, 0, t.trackerId);
        return client.announce(t.url, request, options.stopTimeout()).onComplete(ar -> {
            t.started = false;
            t.lastAnnounce = scheduler.now();
            t.result = ar.succeeded() ? TrackerStatus.Result.OK : TrackerStatus.Result.ERROR;
            t.message = ar.succeeded() ? null : TrackerText.clean(String.valueOf(ar.cause().getMessage()));
        });
    }

    private AnnounceRequest request(Event event, int numWant, String trackerId) {
        Transfer now = transfer.get();
        return new AnnounceRequest(infoHash, peerId, port, Math.max(0, now.uploaded()), Math.max(0, now.downloaded()),
                Math.max(0, now.left()), event, numWant, key, trackerId, true, null);
    }
}
