package dev.bitquark.app.metrics;

import dev.bitquark.app.EngineService;
import dev.bitquark.app.ws.EventsService;
import dev.bitquark.engine.Engine;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.engine.SessionStats;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import io.micrometer.core.instrument.FunctionCounter;
import dev.bitquark.dht.DhtStats;
import dev.bitquark.engine.PeerOrigin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Engine metrics on {@code /q/metrics} (Prometheus format): whether the engine is up, session
 * totals and counters, and per-torrent gauges tagged {@code infohash} and {@code name}.
 *
 * <p>Values come from the engine samples the {@link EventsService} takes every events interval
 * (the same samples the live UI gets), never from an engine call made by a scrape: a scrape reads
 * the last sample. A torrent's gauges appear with the first sample that contains it and are
 * removed with the first sample after it left the engine. Samples arrive on the events thread;
 * scrapes read volatile fields.
 */
@ApplicationScoped
public class EngineMetrics {
    /** Longest torrent name used as a tag value (names come from .torrent files). */
    static final int MAX_NAME_TAG = 128;
    private static final String ANNOUNCES = "Tracker announces by result: ok (answered) or failed (timeout, network "
            + "error or a tracker's failure reason)";

    private final MeterRegistry registry;
    private final EngineService engine;
    private final EventsService events;
    private final Map<InfoHash, TorrentMeters> torrents = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile SessionStats session;

    EngineMetrics(MeterRegistry registry, EngineService engine, EventsService events) {
        this.registry = registry;
        this.engine = engine;
        this.events = events;
    }

    /** One torrent's gauges and the stats they read; replaced by each sample. */
    private static final class TorrentMeters {
        final List<Meter> meters = new ArrayList<>();
        volatile TorrentStats latest;

        TorrentMeters(TorrentStats first) {
            this.latest = first;
        }
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("bitquark.engine.up", engine, e -> e.isRunning() ? 1 : 0)
                .description("1 while the engine listens for peers")
                .register(registry);
        Gauge.builder("bitquark.engine.peer.port", engine, e -> {
                    Engine en = e.engine();
                    return en == null ? -1 : en.peerPort();
                })
                .description("TCP port of the peer listener")
                .register(registry);
        registerSessionMeters();
        registerDhtMeters();
        events.hub().addListener(this::onSample);
    }

    private void registerSessionMeters() {
        FunctionCounter.builder("bitquark.pieces.hash.failures", this, m -> m.sessionValue(SessionStats::hashFailures))
                .description("Downloaded pieces that failed their SHA-1 check (BEP 3), all torrents")
                .register(registry);
        FunctionCounter.builder("bitquark.tracker.announces", this, m -> m.sessionValue(SessionStats::announcesOk))
                .tag("result", "ok").description(ANNOUNCES).register(registry);
        FunctionCounter.builder("bitquark.tracker.announces", this, m -> m.sessionValue(SessionStats::announcesFailed))
                .tag("result", "failed").description(ANNOUNCES).register(registry);
        sessionGauge("bitquark.disk.queue", SessionStats::diskQueue, "Piece writes and other disk jobs queued or running");
        sessionGauge("bitquark.session.download.rate", SessionStats::downloadRate, "Payload bytes/s received, all torrents");
        sessionGauge("bitquark.session.upload.rate", SessionStats::uploadRate, "Payload bytes/s sent, all torrents");
        sessionGauge("bitquark.session.peers", SessionStats::peersConnected, "Connected peers, all torrents");
        Map<String, ToDoubleFunction<SessionStats>> byState = Map.of("metadata", SessionStats::metadata, "checking", SessionStats::checking,
                "live", SessionStats::live, "seeding", SessionStats::seeding, "paused", SessionStats::paused,
                "error", SessionStats::error);
        byState.forEach((state, f) -> Gauge.builder("bitquark.torrents", this, m -> m.sessionValue(f))
                .tag("state", state).description("Torrents by state (seeding ones are also live)").register(registry));
    }

    /** The DHT node (BEP 5), from its stats of the last second; zero without a DHT. */
    private void registerDhtMeters() {
        Map<String, ToDoubleFunction<DhtStats>> nodes = Map.of("good", DhtStats::goodNodes,
                "questionable", DhtStats::questionableNodes, "bad", DhtStats::badNodes,
                "replacement", DhtStats::replacementNodes);
        nodes.forEach((state, f) -> Gauge.builder("bitquark.dht.nodes", this, m -> m.dhtValue(f)).tag("state", state)
                .description("Nodes in the DHT routing table by state (BEP 5)").register(registry));
        Gauge.builder("bitquark.dht.queries.rate", this, m -> m.dhtValue(DhtStats::queriesInPerSecond))
                .tag("direction", "in").description("DHT queries per second").register(registry);
        Gauge.builder("bitquark.dht.queries.rate", this, m -> m.dhtValue(DhtStats::queriesOutPerSecond))
                .tag("direction", "out").description("DHT queries per second").register(registry);
        FunctionCounter.builder("bitquark.dht.packets", this, m -> m.dhtValue(DhtStats::packetsIn))
                .tag("direction", "in").description("DHT packets").register(registry);
        FunctionCounter.builder("bitquark.dht.packets", this, m -> m.dhtValue(DhtStats::packetsOut))
                .tag("direction", "out").description("DHT packets").register(registry);
        FunctionCounter.builder("bitquark.dht.dropped", this, m -> m.dhtValue(DhtStats::malformed))
                .tag("reason", "malformed").description("DHT packets dropped or refused").register(registry);
        FunctionCounter.builder("bitquark.dht.dropped", this, m -> m.dhtValue(DhtStats::rateLimitedIn))
                .tag("reason", "rate-limited").description("DHT packets dropped or refused").register(registry);
        Gauge.builder("bitquark.dht.stored.peers", this, m -> m.dhtValue(DhtStats::storedPeers))
                .description("Peers other nodes announced to us (BEP 5 announce_peer)").register(registry);
        Gauge.builder("bitquark.dht.stored.infohashes", this, m -> m.dhtValue(DhtStats::storedInfoHashes))
                .description("Info-hashes with announced peers stored").register(registry);
        Gauge.builder("bitquark.dht.torrents", this, m -> m.dhtValue(DhtStats::torrents))
                .description("Torrents looking up and announcing on the DHT").register(registry);
        for (PeerOrigin o : PeerOrigin.values()) {
            String source = o.name().toLowerCase(java.util.Locale.ROOT);
            Gauge.builder("bitquark.session.peers.source", this, m -> m.peersFrom(o)).tag("source", source)
                    .description("Connected peers by where they were learned, all torrents").register(registry);
        }
    }

    private double dhtValue(ToDoubleFunction<DhtStats> f) {
        DhtStats s = engine.dhtStats();
        return s == null ? 0 : f.applyAsDouble(s);
    }

    private double peersFrom(PeerOrigin o) {
        int sum = 0;
        for (TorrentMeters m : torrents.values()) {
            sum += m.latest.peersBySource().getOrDefault(o, 0);
        }
        return sum;
    }

    private void sessionGauge(String name, ToDoubleFunction<SessionStats> f, String description) {
        Gauge.builder(name, this, m -> m.sessionValue(f)).description(description).register(registry);
    }

    private double sessionValue(ToDoubleFunction<SessionStats> f) {
        SessionStats s = session;
        return s == null ? 0 : f.applyAsDouble(s);
    }

    /** A new sample (events thread): updates the values, adds and removes per-torrent gauges. */
    void onSample(EngineSnapshot snapshot) {
        session = snapshot.session();
        Set<InfoHash> present = new HashSet<>();
        for (TorrentStats t : snapshot.torrents()) {
            present.add(t.infoHash());
            TorrentMeters m = torrents.get(t.infoHash());
            if (m == null) {
                torrents.put(t.infoHash(), register(t));
            } else {
                m.latest = t;
            }
        }
        for (Iterator<Map.Entry<InfoHash, TorrentMeters>> it = torrents.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InfoHash, TorrentMeters> e = it.next();
            if (!present.contains(e.getKey())) {
                e.getValue().meters.forEach(registry::remove);
                it.remove();
            }
        }
    }

    private TorrentMeters register(TorrentStats first) {
        TorrentMeters m = new TorrentMeters(first);
        Tags tags = Tags.of("infohash", first.infoHash().toHex(), "name", nameTag(first.name()));
        m.meters.add(torrentGauge("bitquark.torrent.downloaded", "bytes", m, TorrentStats::downloadedTotal, tags,
                "Payload bytes received (kept across restarts)"));
        m.meters.add(torrentGauge("bitquark.torrent.uploaded", "bytes", m, TorrentStats::uploadedTotal, tags,
                "Payload bytes sent (kept across restarts)"));
        m.meters.add(torrentGauge("bitquark.torrent.download.rate", "bytes.per.second", m, TorrentStats::downloadRate,
                tags, "Payload receive rate"));
        m.meters.add(torrentGauge("bitquark.torrent.upload.rate", "bytes.per.second", m, TorrentStats::uploadRate,
                tags, "Payload send rate"));
        m.meters.add(torrentGauge("bitquark.torrent.peers", null, m, TorrentStats::peersConnected, tags,
                "Connected peers"));
        m.meters.add(torrentGauge("bitquark.torrent.progress", null, m, TorrentStats::progress, tags,
                "Share of the selected bytes verified, 0..1"));
        return m;
    }

    private Gauge torrentGauge(String name, String unit, TorrentMeters m, ToDoubleFunction<TorrentStats> f, Tags tags,
                               String description) {
        return Gauge.builder(name, m, x -> f.applyAsDouble(x.latest)).baseUnit(unit).tags(tags)
                .description(description).strongReference(true).register(registry);
    }

    /** A torrent name as a tag value: no control characters, at most {@value #MAX_NAME_TAG} characters. */
    static String nameTag(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= MAX_NAME_TAG ? clean : clean.substring(0, MAX_NAME_TAG);
    }
}
