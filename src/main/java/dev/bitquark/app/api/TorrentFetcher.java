package dev.bitquark.app.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a .torrent file from an http(s) URL for {@code POST /api/v1/torrents}, bounded in every
 * way a remote server controls: the body size ({@code maxBytes}, checked against
 * {@code Content-Length} first and while reading), the time (connect, response headers and the
 * whole transfer), and redirects (at most {@value #MAX_REDIRECTS}, http and https only, followed
 * here rather than by the HTTP client so each hop is checked).
 *
 * <p>Accepted risk: the server fetches whatever URL an authenticated user names, including
 * addresses inside its own network (server-side request forgery). Only the admin can call the API,
 * and the answer is never echoed back except as "not a torrent" or an HTTP status.
 *
 * <p>Thread-safe; one shared JDK {@link HttpClient}.
 */
public final class TorrentFetcher {
    static final int MAX_REDIRECTS = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String userAgent;

    public TorrentFetcher(String userAgent) {
        this.userAgent = userAgent;
    }

    /** An http(s) URL with a host, or a 400 naming what is wrong. */
    public static URI parseUrl(String source) {
        URI uri;
        try {
            uri = new URI(source.strip());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("bad_source", "source is not a valid URL: " + e.getMessage());
        }
        if (!isHttp(uri) || uri.getHost() == null) {
            throw ApiException.badRequest("bad_source", "source must be an http(s) URL with a host or a magnet link, got '"
                    + FilePriorityChange.clip(source) + "'");
        }
        return uri;
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    /**
     * The body of a 200 answer, following redirects; fails with {@link ApiException}: 413 over
     * {@code maxBytes}, 422 for any other status, a failed connection, a timeout or a bad redirect.
     */
    public CompletionStage<byte[]> fetch(URI uri, int maxBytes) {
        return fetch(uri, maxBytes, 0).toCompletableFuture()
                .orTimeout(TOTAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(describe(uri, TorrentLookup.unwrap(e))));
    }

    private CompletionStage<byte[]> fetch(URI uri, int maxBytes, int redirects) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", userAgent)
                .header("Accept", "application/x-bittorrent, */*;q=0.5")
                .build();
        return client.sendAsync(request, info -> handler(uri, info, maxBytes)).thenCompose(response -> {
            int status = response.statusCode();
            if (status == 200) {
                return CompletableFuture.completedFuture(response.body());
            }
            if (!isRedirect(status)) {
                throw unprocessable("GET " + uri + " answered HTTP " + status);
            }
            if (redirects == MAX_REDIRECTS) {
                throw unprocessable("more than " + MAX_REDIRECTS + " redirects, the last from " + uri);
            }
            String location = response.headers().firstValue("Location").orElseThrow(
                    () -> unprocessable(uri + " answered " + status + " without a Location"));
            URI next;
            try {
                next = uri.resolve(new URI(location.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw unprocessable(uri + " redirects to a malformed URL: " + FilePriorityChange.clip(location));
            }
            if (!isHttp(next) || next.getHost() == null) {
                throw unprocessable(uri + " redirects to " + FilePriorityChange.clip(next.toString())
                        + "; only http and https are followed");
            }
            return fetch(next, maxBytes, redirects + 1);
        });
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Only a 200 body is read (capped); any other answer's body is discarded. */
    private static HttpResponse.BodySubscriber<byte[]> handler(URI uri, HttpResponse.ResponseInfo info, int maxBytes) {
        if (info.statusCode() != 200) {
            return HttpResponse.BodySubscribers.replacing(null);
        }
        return new Capped(uri, maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    private static Throwable describe(URI uri, Throwable e) {
        if (e instanceof ApiException) {
            return e;
        }
        if (e instanceof IOException io && io.getCause() instanceof ApiException api) {
            return api; // failed by the body subscriber, wrapped by the HTTP client
        }
        if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
            return unprocessable("GET " + uri + " timed out");
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return unprocessable("GET " + uri + " failed: " + what);
    }

    private static ApiException unprocessable(String message) {
        return new ApiException(422, "fetch_failed", message);
    }

    /** Collects the body, refusing it (and cancelling the transfer) once it passes the cap. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final URI uri;
        private final int max;
        private final long declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        /** {@code declared}: the Content-Length, or -1. */
        Capped(URI uri, int max, long declared) {
            this.uri = uri;
            this.max = max;
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > max) {
                s.cancel();
                result.completeExceptionally(ApiException.tooLarge("the file at " + uri + " is " + declared
                        + " bytes; a .torrent may have at most " + max));
                return;
            }
            // A stalled transfer is cut off too, not only a slow start.
            result.orTimeout(TOTAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((b, e) -> {
                if (e != null) {
                    s.cancel();
                }
            });
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if ((long) out.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(ApiException.tooLarge("the file at " + uri
                            + " is larger than " + max + " bytes, the most a .torrent may have"));
                    return;
                }
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable e) {
            result.completeExceptionally(e);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
