package dev.bitquark.tracker;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.tracker.codec.AnnounceRequest;
import dev.bitquark.tracker.codec.AnnounceResponse;
import dev.bitquark.tracker.codec.BoundedGzip;
import dev.bitquark.tracker.codec.HttpAnnounceCodec;
import dev.bitquark.tracker.codec.HttpScrapeCodec;
import dev.bitquark.tracker.codec.ScrapeResponse;
import dev.bitquark.tracker.codec.TrackerException;
import dev.bitquark.tracker.codec.TrackerText;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP(S) tracker transport (BEP 3 announce, BEP 48 scrape) on the Vert.x core HTTP client.
 *
 * <p>Defensive by design: one deadline covers the whole exchange including redirects; at most
 * {@link Options#maxRedirects()} redirects and only to http/https; the body is read with a hard cap
 * and the request is aborted as soon as the cap is passed; gzip is decoded by us with a cap on the
 * inflated size (the client's own decompression has no such cap).
 *
 * <p>Threading: one instance per engine, used from the engine's event-loop context; futures
 * complete on that context. Not thread-safe.
 */
public final class HttpTrackerClient {
    /**
     * @param timeout deadline for one announce or scrape, redirects included
     * @param maxRedirects redirects followed before giving up
     * @param maxBodyBytes cap on the body, compressed and inflated
     * @param userAgent value of the User-Agent header
     */
    public record Options(Duration timeout, int maxRedirects, int maxBodyBytes, String userAgent) {
        public static final Options DEFAULTS =
                new Options(Duration.ofSeconds(15), 3, HttpAnnounceCodec.MAX_BODY_BYTES, "bitquark/0.1");

        public Options {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(userAgent, "userAgent");
            if (timeout.isNegative() || timeout.isZero() || maxRedirects < 0 || maxBodyBytes < 1) {
                throw new IllegalArgumentException("invalid HTTP tracker options: " + timeout + ", " + maxRedirects
                        + ", " + maxBodyBytes);
            }
        }

        public Options withTimeout(Duration newTimeout) {
            return new Options(newTimeout, maxRedirects, maxBodyBytes, userAgent);
        }
    }

    /** A complete, size-checked and inflated response body. */
    record Body(int status, byte[] bytes) {
    }

    private final Vertx vertx;
    private final Options options;
    private final HttpClient http;

    public HttpTrackerClient(Vertx vertx, Options options) {
        this.vertx = vertx;
        this.options = options;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()))
                // We inflate ourselves, with a cap; Netty's decoder would inflate without one.
                .setTryUseCompression(false)
                .setVerifyHost(true)
                // Announces are minutes apart and many trackers close after each answer; a pooled
                // connection would mostly be stale, and reusing one the server just closed fails.
                .setKeepAlive(false)
                .setMaxPoolSize(8));
    }

    /** Announces with the default deadline. */
    public Future<AnnounceResponse> announce(String announceUrl, AnnounceRequest request) {
        return announce(announceUrl, request, options.timeout());
    }

    /** Announces to an http(s) tracker; {@code timeout} bounds the whole exchange. */
    public Future<AnnounceResponse> announce(String announceUrl, AnnounceRequest request, Duration timeout) {
        String url;
        try {
            url = HttpAnnounceCodec.url(announceUrl, request);
        } catch (TrackerException e) {
            return Future.failedFuture(e);
        }
        return fetch(url, timeout).compose(body -> parsed(body, () -> HttpAnnounceCodec.parse(body.bytes())));
    }

    /** Scrapes one torrent from the BEP 48 scrape URL derived from {@code announceUrl}. */
    public Future<ScrapeResponse> scrape(String announceUrl, InfoHash infoHash) {
        Optional<String> scrapeUrl;
        try {
            scrapeUrl = HttpScrapeCodec.scrapeUrl(announceUrl);
        } catch (TrackerException e) {
            return Future.failedFuture(e);
        }
        if (scrapeUrl.isEmpty()) {
            return Future.failedFuture(new TrackerException(TrackerException.Kind.INVALID_URL,
                    "announce URL does not end in /announce, so the tracker has no scrape URL (BEP 48)"));
        }
        String url = HttpScrapeCodec.url(scrapeUrl.get(), infoHash);
        return fetch(url, options.timeout())
                .compose(body -> parsed(body, () -> HttpScrapeCodec.parse(body.bytes(), infoHash)));
    }

    public Future<Void> close() {
        return http.close();
    }

    private interface Parser<T> {
        T parse() throws TrackerException;
    }

    /**
     * Parses the body whatever the status: trackers often send a bencoded failure reason with a
     * 4xx/5xx status, and that reason is the useful message. Only when the body says nothing does
     * the status become the error.
     */
    private static <T> Future<T> parsed(Body body, Parser<T> parser) {
        try {
            T value = parser.parse();
            if (body.status() / 100 != 2) {
                return Future.failedFuture(new TrackerException(TrackerException.Kind.TRANSPORT,
                        "tracker answered HTTP " + body.status()));
            }
            return Future.succeededFuture(value);
        } catch (TrackerException e) {
            if (body.status() / 100 != 2 && e.kind() != TrackerException.Kind.REFUSED) {
                return Future.failedFuture(new TrackerException(TrackerException.Kind.TRANSPORT,
                        "tracker answered HTTP " + body.status() + " (" + e.getMessage() + ")", e));
            }
            return Future.failedFuture(e);
        }
    }

    /** Mutable state of one exchange, touched only on the context. */
    private static final class Exchange {
        final Promise<Body> result = Promise.promise();
        HttpClientRequest current;

        boolean done() {
            return result.future().isComplete();
        }

        void fail(TrackerException e) {
            if (result.tryFail(e) && current != null) {
                current.reset();
            }
        }
    }

    /** GET with redirects, deadline, body cap and gzip. Visible for tests of the transport itself. */
    Future<Body> fetch(String url, Duration timeout) {
        Exchange ex = new Exchange();
        long ms = Math.max(1, timeout.toMillis());
        String limit = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        long timer = vertx.setTimer(ms, id -> ex.fail(new TrackerException(
                TrackerException.Kind.TRANSPORT, "tracker did not answer within " + limit)));
        ex.result.future().onComplete(ar -> vertx.cancelTimer(timer));
        attempt(url, options.maxRedirects(), ex);
        return ex.result.future();
    }

    private void attempt(String url, int redirectsLeft, Exchange ex) {
        RequestOptions ro;
        try {
            ro = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(url)
                    .setFollowRedirects(false)
                    .putHeader("User-Agent", options.userAgent())
                    .putHeader("Accept-Encoding", "gzip");
        } catch (RuntimeException e) {
            ex.fail(new TrackerException(TrackerException.Kind.INVALID_URL, "unusable tracker URL "
                    + TrackerText.clean(url) + ": " + e.getMessage(), e));
            return;
        }
        http.request(ro).onComplete(ar -> {
            if (ar.failed()) {
                ex.fail(transport(ar.cause()));
                return;
            }
            HttpClientRequest req = ar.result();
            if (ex.done()) {
                req.reset();
                return;
            }
            ex.current = req;
            req.send().onComplete(sent -> {
                if (sent.failed()) {
                    ex.fail(transport(sent.cause()));
                } else {
                    onResponse(url, redirectsLeft, sent.result(), ex);
                }
            });
        });
    }

    private void onResponse(String url, int redirectsLeft, HttpClientResponse resp, Exchange ex) {
        if (ex.done()) {
            return;
        }
        // Set first: every early exit below resets the stream, which reports to this handler.
        resp.exceptionHandler(e -> ex.fail(transport(e)));
        int status = resp.statusCode();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            redirect(url, redirectsLeft, resp, ex);
            return;
        }
        int cap = options.maxBodyBytes();
        String length = resp.getHeader("Content-Length");
        if (length != null && exceeds(length, cap)) {
            ex.fail(TrackerException.malformed("tracker body of " + TrackerText.clean(length)
                    + " bytes exceeds the cap of " + cap));
            return;
        }
        String encoding = Optional.ofNullable(resp.getHeader("Content-Encoding")).orElse("identity")
                .strip().toLowerCase(Locale.ROOT);
        if (!encoding.equals("identity") && !encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            ex.fail(TrackerException.malformed("unsupported Content-Encoding " + TrackerText.clean(encoding)));
            return;
        }
        Buffer body = Buffer.buffer();
        resp.handler(part -> {
            if (ex.done()) {
                return;
            }
            if ((long) body.length() + part.length() > cap) {
                ex.fail(TrackerException.malformed("tracker body exceeds the cap of " + cap + " bytes"));
                return;
            }
            body.appendBuffer(part);
        });
        resp.endHandler(v -> {
            if (ex.done()) {
                return;
            }
            try {
                byte[] bytes = body.getBytes();
                if (!encoding.equals("identity")) {
                    bytes = BoundedGzip.gunzip(bytes, cap);
                }
                ex.result.tryComplete(new Body(status, bytes));
            } catch (TrackerException e) {
                ex.fail(e);
            }
        });
    }

    private void redirect(String url, int redirectsLeft, HttpClientResponse resp, Exchange ex) {
        String location = resp.getHeader("Location");
        // The redirect's own body is of no interest; dropping the stream also frees the connection
        // slot. The reset reports to the response's exception handler, which must not fail us here.
        resp.exceptionHandler(e -> { });
        ex.current.reset();
        ex.current = null;
        if (location == null) {
            ex.fail(new TrackerException(TrackerException.Kind.TRANSPORT,
                    "tracker sent HTTP " + resp.statusCode() + " without a Location"));
            return;
        }
        if (redirectsLeft == 0) {
            ex.fail(new TrackerException(TrackerException.Kind.TRANSPORT,
                    "more than " + options.maxRedirects() + " redirects"));
            return;
        }
        URI target;
        try {
            target = URI.create(url).resolve(location.strip());
        } catch (RuntimeException e) {
            ex.fail(new TrackerException(TrackerException.Kind.TRANSPORT,
                    "invalid redirect target " + TrackerText.clean(location), e));
            return;
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            // A tracker must not steer us to file:, ftp: or anything else a URL handler might open.
            ex.fail(new TrackerException(TrackerException.Kind.TRANSPORT,
                    "refusing redirect to non-http(s) URL " + TrackerText.clean(location)));
            return;
        }
        attempt(target.toString(), redirectsLeft - 1, ex);
    }

    private static boolean exceeds(String contentLength, int cap) {
        try {
            return Long.parseLong(contentLength.strip()) > cap;
        } catch (NumberFormatException e) {
            return false;  // a bogus header is caught by the streaming cap instead
        }
    }

    private static TrackerException transport(Throwable cause) {
        if (cause instanceof TrackerException te) {
            return te;
        }
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new TrackerException(TrackerException.Kind.TRANSPORT, TrackerText.clean(msg), cause);
    }
}
