package dev.bitquark.app.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.metainfo.InfoHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The live-update hub behind {@code /api/v1/events} (protocol in docs/events.md). Every interval it
 * samples the engine once, in one hop onto the engine context, and shares that sample with every
 * client and every listener (metrics): a client never causes an engine call of its own. Each
 * client gets the snapshot once, then only what changed since the sample it last got, through its
 * own bounded {@link SendQueue}; a client that cannot keep up is closed, and the sampler never
 * waits for one. While a sample is outstanding the next tick is skipped, so a busy engine is not
 * sent a backlog of requests.
 *
 * <p>Threading: all client state lives on one daemon thread ({@code bq-events}); the public
 * methods may be called from any thread and hand their work to it.
 */
public final class EventHub implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventHub.class.getName());
    /** Torrents one client may follow the parts of at once. */
    static final int MAX_SUBSCRIPTIONS = 16;
    /** Shortest sampling interval honoured, whatever the settings say. */
    static final long MIN_INTERVAL_MS = 100;
    /** A client that was sent nothing for this long gets a heartbeat frame. */
    static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How often a client whose page is hidden gets the session (its title, its notifications need no more). */
    static final long HIDDEN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A sample the engine has not answered within this time is given up (the next tick asks again). */
    static final long SAMPLE_TIMEOUT_MS = 10_000;

    /** Where samples come from: the engine, or null while there is none. */
    public interface Source {
        /** A snapshot including the asked-for parts of some torrents; null if there is no engine yet. */
        CompletionStage<EngineSnapshot> sample(Map<InfoHash, Set<EngineSnapshot.Part>> parts);
    }

    /** Bounds of each client's send queue (see {@link SendQueue}). */
    public record Limits(int maxFrames, long maxChars, Duration maxPending) {
        public static final Limits DEFAULTS = new Limits(64, 32L << 20, Duration.ofSeconds(30));
    }

    /**
     * The parts of one torrent a client follows. A torrent not in the latest sample may have been
     * added since: it is checked against the first sample requested after the subscription
     * ({@code afterSeq}). A part's frame is sent when it differs from the last one sent.
     */
    private static final class Subscription {
        final long afterSeq;
        final Set<EngineSnapshot.Part> parts;
        final Map<EngineSnapshot.Part, String> lastSent = new EnumMap<>(EngineSnapshot.Part.class);
        boolean confirmed;

        Subscription(long afterSeq, Set<EngineSnapshot.Part> parts, boolean confirmed) {
            this.afterSeq = afterSeq;
            this.parts = parts;
            this.confirmed = confirmed;
        }
    }

    /** One connected client; touched only on the hub thread (its queue is thread-safe). */
    private static final class Client {
        final SendQueue queue;
        final Map<InfoHash, Subscription> subscriptions = new LinkedHashMap<>();
        EventFrames.Sample baseline;
        long lastSentNanos;
        /** The number of the last snapshot or update sent: each is one more (a client that sees a gap resyncs). */
        long seq;
        /** Its page is hidden: only the session, every {@link #HIDDEN_INTERVAL_NANOS}, until it is shown again. */
        boolean hidden;
        long lastHiddenNanos;

        Client(SendQueue queue) {
            this.queue = queue;
        }
    }

    private final Source source;
    private final LongSupplier intervalMillis;
    private final ObjectMapper json;
    private final EventFrames frames;
    private final Limits limits;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final SpeedHistory history = new SpeedHistory();
    private final EventLog events;
    private final int maxClients;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "bq-events");
        t.setDaemon(true);
        return t;
    });
    /** {@link #thread}, quiet after close (a sample completing late is simply dropped). */
    private final Executor onHub = r -> {
        try {
            thread.execute(r);
        } catch (RejectedExecutionException e) {
            // closed
        }
    };
    private final Map<String, Client> clients = new HashMap<>();
    private final AtomicInteger clientCount = new AtomicInteger();
    private final List<Consumer<EngineSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong samples = new AtomicLong();
    private volatile EventFrames.Sample latest;
    private boolean sampling;
    /** A change was made while a sample was outstanding: sample again as soon as it is in. */
    private boolean sampleAgain;
    private int failedSamples;
    private long samplingSince;
    private long seq;

    public EventHub(Source source, LongSupplier intervalMillis, ObjectMapper json, Limits limits, int maxClients,
                    LongSupplier nanoClock, LongSupplier wallClock) {
        this.source = source;
        this.intervalMillis = intervalMillis;
        this.json = json;
        this.frames = new EventFrames(json);
        this.limits = limits;
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.events = new EventLog(json);
        // After close() only the tasks already handed over run (the final clean-up), no further ticks.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts sampling: at once, then every {@code intervalMillis} (read again at every tick). */
    public void start() {
        onHub.execute(this::tick);
    }

    /** Hears every sample, on the hub thread; it must return quickly. */
    public void addListener(Consumer<EngineSnapshot> listener) {
        listeners.add(listener);
    }

    /**
     * Registers a client: {@code hello} is its first frame, the snapshot follows (at once if a
     * sample exists, else with the first one). Returns false, registering nothing, when
     * {@code maxClients} are connected.
     */
    public boolean connect(String id, SendQueue.Sink sink, String hello) {
        if (clientCount.incrementAndGet() > maxClients) {
            clientCount.decrementAndGet();
            return false;
        }
        onHub.execute(() -> {
            Client c = new Client(new SendQueue(sink, limits.maxFrames(), limits.maxChars(),
                    limits.maxPending().toNanos(), nanoClock));
            Client old = clients.put(id, c);
            if (old != null) {
                old.queue.discard();
                clientCount.decrementAndGet();
            }
            send(c, hello);
            EventFrames.Sample s = latest;
            if (s != null) {
                sendSnapshot(c, s);
                c.baseline = s;
            }
        });
        return true;
    }

    /** The client's connection closed: forget it and drop what it had queued. */
    public void disconnect(String id) {
        onHub.execute(() -> {
            Client c = clients.remove(id);
            if (c != null) {
                c.queue.discard();
                clientCount.decrementAndGet();
            }
        });
    }

    /** A text message from a client: subscribe/unsubscribe, or an error frame back. */
    public void onMessage(String id, String text) {
        onHub.execute(() -> {
            Client c = clients.get(id);
            if (c == null) {
                return;
            }
            switch (ClientMessage.parse(text, json)) {
                case ClientMessage.Invalid bad -> send(c, frames.error(bad.code(), bad.message()));
                case ClientMessage.Unsubscribe u -> c.subscriptions.remove(u.torrent());
                case ClientMessage.Subscribe s -> subscribe(c, s);
                case ClientMessage.Resync r -> resync(c);
                case ClientMessage.Visibility v -> {
                    boolean wasHidden = c.hidden;
                    c.hidden = v.hidden();
                    if (wasHidden && !v.hidden()) {
                        resync(c); // its torrents are stale: a snapshot, as for a gap
                    }
                }
            }
        });
    }

    /** The client lost track (a gap in seq, a frame it could not read): a fresh snapshot now, or with the next sample. */
    private void resync(Client c) {
        EventFrames.Sample s = latest;
        c.baseline = s;
        c.subscriptions.values().forEach(sub -> sub.lastSent.clear()); // whole part frames follow too
        if (s != null) {
            sendSnapshot(c, s);
        }
    }

    /** Follows the parts of a torrent the message lists, replacing an earlier set; none = unsubscribe. */
    private void subscribe(Client c, ClientMessage.Subscribe s) {
        if (s.parts().isEmpty()) {
            c.subscriptions.remove(s.torrent());
            return;
        }
        Subscription old = c.subscriptions.get(s.torrent());
        if (old == null && c.subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            send(c, frames.error("too_many_subscriptions", "at most " + MAX_SUBSCRIPTIONS
                    + " subscribed torrents per connection"));
            return;
        }
        EventFrames.Sample now = latest;
        boolean known = old != null ? old.confirmed
                : now != null && now.torrents().containsKey(s.torrent().toHex());
        c.subscriptions.put(s.torrent(), new Subscription(old != null ? old.afterSeq : seq, s.parts(), known));
    }

    /** Clients connected (or being connected) now. */
    public int clients() {
        return clientCount.get();
    }

    /** Samples taken since start. */
    public long samples() {
        return samples.get();
    }

    /** The engine state of the last sample, or null before the first. */
    public EngineSnapshot latest() {
        EventFrames.Sample s = latest;
        return s == null ? null : s.engine();
    }

    /**
     * Samples now rather than at the next tick: a user's action (pause, recheck, remove...) shows at
     * once instead of up to an interval later, and a state as brief as a small torrent's recheck is
     * seen at all. The sample is queued on the engine after the action, so it sees its effect. While a
     * sample is outstanding, one more follows it; so a burst of actions costs at most two samples.
     */
    public void sampleSoon() {
        onHub.execute(() -> {
            if (sampling) {
                sampleAgain = true;
            } else {
                sample();
            }
        });
    }

    private void tick() {
        try {
            thread.schedule(this::tick, Math.max(MIN_INTERVAL_MS, intervalMillis.getAsLong()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return; // closed
        }
        sample();
    }

    private void sample() {
        long now = nanoClock.getAsLong();
        if (sampling && now - samplingSince < TimeUnit.MILLISECONDS.toNanos(SAMPLE_TIMEOUT_MS)) {
            return; // the engine has not answered the last one yet
        }
        Map<InfoHash, Set<EngineSnapshot.Part>> parts = new HashMap<>();
        for (Client c : clients.values()) {
            c.subscriptions.forEach((h, sub) -> parts.computeIfAbsent(h, k -> EnumSet.noneOf(EngineSnapshot.Part.class))
                    .addAll(sub.parts));
        }
        CompletionStage<EngineSnapshot> pending;
        try {
            pending = source.sample(parts);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sampling the engine failed: {0}", e.toString());
            pending = null;
        }
        if (pending == null) {
            sampling = false;
            housekeeping();
            return;
        }
        sampling = true;
        samplingSince = now;
        long mine = ++seq;
        pending.toCompletableFuture().orTimeout(SAMPLE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .whenCompleteAsync((snapshot, err) -> {
                    if (mine != seq) {
                        return; // given up on; a later sample is outstanding or done
                    }
                    sampling = false;
                    try {
                        if (sampleAgain) {
                            sampleAgain = false;
                            onHub.execute(this::sample);
                        }
                        if (err != null) {
                            // One failure can be the engine stopping; a second in a row means clients get no
                            // updates until it answers again, which is worth a warning with its cause.
                            failedSamples++;
                            if (failedSamples == 2) {
                                LOG.log(System.Logger.Level.WARNING, "sampling the engine failed twice in a row; clients"
                                        + " get heartbeats only until it answers", err);
                            } else {
                                LOG.log(System.Logger.Level.DEBUG, "sampling the engine failed: {0}", err.toString());
                            }
                            housekeeping();
                        } else {
                            failedSamples = 0;
                            publish(frames.sample(mine, snapshot, latest));
                        }
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "publishing live updates failed", e);
                    }
                }, onHub);
    }

    /** Without a sample: closes stalled clients and keeps quiet ones alive. */
    private void housekeeping() {
        long now = nanoClock.getAsLong();
        for (Map.Entry<String, Client> e : new ArrayList<>(clients.entrySet())) {
            Client c = e.getValue();
            if (!c.queue.checkStalled() && now - c.lastSentNanos > HEARTBEAT_NANOS) {
                send(c, EventFrames.withSeq(frames.heartbeat(), c.seq));
            }
        }
    }

    private void publish(EventFrames.Sample s) {
        EventFrames.Sample previous = latest;
        long epochMillis = wallClock.getAsLong();
        history.add(epochMillis, s.engine().session().downloadRate(), s.engine().session().uploadRate());
        List<String> news = new ArrayList<>();
        for (ObjectNode event : events.between(previous == null ? null : previous.torrents(), s.torrents(), epochMillis)) {
            news.add(frames.event(event));
        }
        latest = s;
        // The texts of the torrents that changed, written now (the others are kept from the last sample): a page
        // that opens then gets its snapshot of 5,000 torrents joined from ready text, by code that is not cold.
        frames.writeTexts(s);
        samples.incrementAndGet();
        long now = nanoClock.getAsLong();
        // Clients that got the same previous sample (normally all of them) share one update frame.
        Map<EventFrames.Sample, String> updates = new IdentityHashMap<>();
        Map<String, String> topicFrames = new HashMap<>();
        for (Client c : new ArrayList<>(clients.values())) {
            if (c.queue.checkStalled()) {
                continue; // closed; its connection's close handler removes it
            }
            if (c.hidden && c.baseline != null) {
                // A hidden page shows nothing but the title and notifications: the session now and then, and the
                // server events (completions), are all it needs; 5,000 torrents' deltas would only be thrown away.
                if (now - c.lastHiddenNanos >= HIDDEN_INTERVAL_NANOS) {
                    c.lastHiddenNanos = now;
                    sendState(c, frames.sessionOnly(s));
                } else if (now - c.lastSentNanos > HEARTBEAT_NANOS) {
                    send(c, EventFrames.withSeq(frames.heartbeat(), c.seq));
                }
                c.baseline = s;
                news.forEach(event -> send(c, event));
                continue;
            }
            if (c.baseline == null) {
                sendSnapshot(c, s);
            } else {
                String frame;
                if (updates.containsKey(c.baseline)) {
                    frame = updates.get(c.baseline);
                } else {
                    frame = frames.update(c.baseline, s);
                    updates.put(c.baseline, frame);
                }
                if (frame != null) {
                    sendState(c, frame);
                } else if (now - c.lastSentNanos > HEARTBEAT_NANOS) {
                    send(c, EventFrames.withSeq(frames.heartbeat(), c.seq));
                }
            }
            c.baseline = s;
            news.forEach(event -> send(c, event));
            for (Map.Entry<InfoHash, Subscription> sub : new ArrayList<>(c.subscriptions.entrySet())) {
                String hex = sub.getKey().toHex();
                if (s.torrents().containsKey(hex)) {
                    sub.getValue().confirmed = true;
                    sendParts(c, sub.getValue(), s, hex, topicFrames);
                } else if (s.seq() > sub.getValue().afterSeq) {
                    c.subscriptions.remove(sub.getKey());
                    if (!sub.getValue().confirmed) {
                        send(c, frames.error("unknown_torrent", "no torrent " + hex));
                    } // else it was removed from the engine; the update's "removed" says so
                }
            }
        }
        for (Consumer<EngineSnapshot> l : listeners) {
            try {
                l.accept(s.engine());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "events listener failed", e);
            }
        }
    }

    /** Each followed part of a torrent whose frame differs from the one this client got last (frames shared). */
    private void sendParts(Client c, Subscription sub, EventFrames.Sample s, String hex, Map<String, String> shared) {
        for (EngineSnapshot.Part part : sub.parts) {
            String frame = shared.computeIfAbsent(hex + part, k -> {
                String f = frames.topic(s, hex, part);
                return f == null ? "" : f;
            });
            if (!frame.isEmpty() && !frame.equals(sub.lastSent.get(part))) {
                sub.lastSent.put(part, frame);
                send(c, frame);
            }
        }
    }

    /**
     * A snapshot for this client, written with its number in place: with 5,000 torrents it is ~3 MB,
     * and renumbering a shared copy ({@link EventFrames#withSeq}) copied it twice more.
     */
    private void sendSnapshot(Client c, EventFrames.Sample s) {
        send(c, frames.snapshot(s, ++c.seq, history.toJson(json), events.recent()));
    }

    /** A snapshot or update: numbered for this client, one more than the last. */
    private void sendState(Client c, String frame) {
        send(c, EventFrames.withSeq(frame, ++c.seq));
    }

    private void send(Client c, String frame) {
        c.queue.offer(frame);
        c.lastSentNanos = nanoClock.getAsLong();
    }

    /** Stops sampling and drops every client's queue (their connections close with the server). */
    @Override
    public void close() {
        onHub.execute(() -> {
            clients.values().forEach(c -> c.queue.discard());
            clients.clear();
        });
        thread.shutdown();
    }
}
