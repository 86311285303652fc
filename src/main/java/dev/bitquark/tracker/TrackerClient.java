package dev.bitquark.tracker;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.tracker.codec.AnnounceRequest;
import dev.bitquark.tracker.codec.AnnounceResponse;
import dev.bitquark.tracker.codec.ScrapeResponse;
import dev.bitquark.tracker.codec.TrackerException;
import dev.bitquark.tracker.codec.TrackerText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Announce and scrape for any tracker URL, picking the transport by scheme: {@code http}/{@code https}
 * (BEP 3, BEP 48) or {@code udp} (BEP 15). Threading: one instance per engine, used from the
 * engine's event-loop context; owns its two transports and closes them in {@link #close()}.
 */
public final class TrackerClient {
    private final HttpTrackerClient http;
    private final UdpTrackerClient udp;
    // Atomic: read for statistics from outside the engine context.
    private final AtomicLong announcesOk = new AtomicLong();
    private final AtomicLong announcesFailed = new AtomicLong();

    public TrackerClient(Vertx vertx) {
        this(vertx, HttpTrackerClient.Options.DEFAULTS, UdpTrackerClient.Options.DEFAULTS);
    }

    public TrackerClient(Vertx vertx, HttpTrackerClient.Options httpOptions, UdpTrackerClient.Options udpOptions) {
        this.http = new HttpTrackerClient(vertx, httpOptions);
        this.udp = new UdpTrackerClient(vertx, udpOptions);
    }

    /** The transports a URL scheme maps to. */
    public enum Scheme { HTTP, UDP, UNSUPPORTED }

    public static Scheme scheme(String url) {
        int colon = url == null ? -1 : url.indexOf(':');
        if (colon <= 0) {
            return Scheme.UNSUPPORTED;
        }
        return switch (url.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "http", "https" -> Scheme.HTTP;
            case "udp" -> Scheme.UDP;
            default -> Scheme.UNSUPPORTED;
        };
    }

    /** Announces with each transport's default time limit. */
    public Future<AnnounceResponse> announce(String url, AnnounceRequest request) {
        return announce(url, request, null);
    }

    /**
     * Announces to {@code url}. {@code timeout}, if not null, bounds the whole exchange (short for
     * the best-effort {@code stopped} event); otherwise HTTP uses its 15 s deadline and UDP the
     * BEP 15 retransmit ladder.
     */
    public Future<AnnounceResponse> announce(String url, AnnounceRequest request, Duration timeout) {
        Future<AnnounceResponse> f = switch (scheme(url)) {
            case HTTP -> timeout == null ? http.announce(url, request) : http.announce(url, request, timeout);
            case UDP -> udp.announce(url, request, timeout);
            case UNSUPPORTED -> Future.failedFuture(unsupported(url));
        };
        return f.onComplete(ar -> (ar.succeeded() ? announcesOk : announcesFailed).incrementAndGet());
    }

    /** Announces (any event, BEP 3) a tracker answered without a failure reason, since this client was made. */
    public long announcesSucceeded() {
        return announcesOk.get();
    }

    /** Announces that failed: timeout, network error, unsupported URL, or a tracker's failure reason. */
    public long announcesFailed() {
        return announcesFailed.get();
    }

    public Future<ScrapeResponse> scrape(String url, InfoHash infoHash) {
        return switch (scheme(url)) {
            case HTTP -> http.scrape(url, infoHash);
            case UDP -> udp.scrape(url, infoHash);
            case UNSUPPORTED -> Future.failedFuture(unsupported(url));
        };
    }

    public Future<Void> close() {
        return Future.join(http.close(), udp.close()).mapEmpty();
    }

    private static TrackerException unsupported(String url) {
        return new TrackerException(TrackerException.Kind.INVALID_URL,
                "unsupported tracker scheme: " + TrackerText.clean(String.valueOf(url)));
    }
}
