package dev.bitquark.app.compat.qbittorrent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.app.compat.CompatTorrents;
import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.security.Authenticator;
import dev.bitquark.app.security.RequestFacts;
import dev.bitquark.app.security.SecurityFilter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * qBittorrent's WebUI API v2 at {@code /api/v2}, so that Sonarr, Radarr, Prowlarr, the qBittorrent clients and
 * alternative web UIs drive bitquark as they drive qBittorrent 5.1. Authentication is the security filter's (the
 * password by Basic, an API token by Bearer, or the {@code SID} cookie of a login here; 403 without, as Sonarr
 * expects); {@code auth/login} checks the password like our own login (same limiter and bans) and answers
 * "Ok." with the cookie or "Fails.". Parameters come from the query string and the form (urlencoded or multipart,
 * GET or POST alike: clients differ); files from every multipart file part. Errors are plain text with
 * qBittorrent's statuses (400, 404, 409, 415). A pure translation: the state is the session's.
 */
@ApplicationScoped
public class QbRoutes {
    private static final Logger LOG = Logger.getLogger(QbRoutes.class);
    static final long MAX_BODY = 16L << 20;

    private final BitquarkConfig config;
    private final Authenticator auth;
    private final CompatTorrents torrents;
    private final QbTorrents actions;
    private final QbApp app;
    private final QbSync sync = new QbSync();
    private final QbPeers peers = new QbPeers();
    private final ObjectMapper json;

    QbRoutes(BitquarkConfig config, Authenticator auth, CompatTorrents torrents, ObjectMapper json,
             @ConfigProperty(name = "quarkus.application.version") String version) {
        this.config = config;
        this.auth = auth;
        this.torrents = torrents;
        this.json = json;
        this.actions = new QbTorrents(torrents);
        this.app = new QbApp(torrents, version);
    }

    void register(@Observes Router router) {
        if (!config.compat().qbittorrent()) {
            return;
        }
        // The login is open: a small body, no uploads, before anyone is known.
        router.route("/api/v2/auth/login").order(-11).handler(BodyHandler.create(false).setBodyLimit(8192)
                .setMergeFormAttributes(true)).handler(this::handle);
        BodyHandler body = BodyHandler.create(true).setBodyLimit(MAX_BODY).setMergeFormAttributes(true)
                .setDeleteUploadedFilesOnEnd(true)
                .setUploadsDirectory(config.dataDir().toAbsolutePath().resolve("uploads").toString());
        router.route("/api/v2/*").order(-10).handler(body).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        io.vertx.core.Context context = rc.vertx().getOrCreateContext();
        String path = rc.normalizedPath();
        String action = path.substring("/api/v2/".length());
        while (action.endsWith("/")) {
            action = action.substring(0, action.length() - 1);
        }
        Map<String, String> params = new HashMap<>();
        rc.request().params().forEach(e -> params.put(e.getKey(), e.getValue()));
        if (action.equals("auth/login")) {
            login(rc, params);
            return;
        }
        if (action.equals("auth/logout")) {
            for (Cookie c : rc.request().cookies(SecurityFilter.QBITTORRENT_COOKIE)) {
                auth.sessions().remove(c.getValue());
            }
            send(rc, QbReply.EMPTY.withCookie(SecurityFilter.QBITTORRENT_COOKIE + "=; Max-Age=0; Path=/; HttpOnly"));
            return;
        }
        String a = action;
        readFiles(rc).onComplete(files -> {
            if (files.failed()) {
                send(rc, new QbReply(400, "cannot read the uploaded files: " + files.cause().getMessage(), null, null));
                return;
            }
            QbRequest request = new QbRequest(a, params, files.result(), sessionKey(rc));
            CompletionStage<QbReply> reply;
            try {
                reply = dispatch(a, request);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((r, e) -> context.runOnContext(v -> {
                if (e == null) {
                    send(rc, r);
                    return;
                }
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (c instanceof QbReply.Failure f) {
                    send(rc, new QbReply(f.status, f.getMessage(), null, null));
                } else if (c instanceof CompatTorrents.Refused rf) {
                    send(rc, new QbReply(switch (rf.kind()) {
                        case BAD_TORRENT -> 415;
                        case CONFLICT -> 409;
                        case NOT_FOUND -> 404;
                        default -> 400;
                    }, rf.getMessage(), null, null));
                } else if (c instanceof dev.bitquark.app.session.Library.Conflict) {
                    send(rc, new QbReply(409, c.getMessage(), null, null));
                } else if (c instanceof dev.bitquark.engine.EngineException ee) {
                    send(rc, new QbReply(switch (ee.kind()) {
                        case NOT_FOUND, REMOVED -> 404;
                        case INVALID_ARGUMENT -> 400;
                        case NO_METADATA, STORAGE -> 409;
                    }, ee.getMessage(), null, null));
                } else if (c instanceof dev.bitquark.app.api.ApiException ae) {
                    send(rc, new QbReply(ae.getResponse().getStatus(), ae.getMessage(), null, null));
                } else if (c instanceof CompatTorrents.Unavailable) {
                    send(rc, new QbReply(503, c.getMessage(), null, null));
                } else if (c instanceof IllegalArgumentException) {
                    send(rc, new QbReply(400, c.getMessage(), null, null));
                } else {
                    LOG.warnf(c, "qbittorrent api %s failed", a);
                    send(rc, new QbReply(500, String.valueOf(c.getMessage()), null, null));
                }
            }));
        });
    }

    private CompletionStage<QbReply> dispatch(String action, QbRequest r) {
        if (action.startsWith("torrents/")) {
            return actions.call(action.substring("torrents/".length()), r);
        }
        if (action.equals("sync/maindata")) {
            return maindata(r);
        }
        if (action.equals("sync/torrentPeers")) {
            dev.bitquark.engine.TorrentHandle h = QbTorrentDetails.one(torrents, r);
            long rid = r.number("rid", 0);
            return h.peerStats().toCompletionStage().thenApplyAsync(list -> QbReply.json(peers.answer(r.sessionKey(),
                    h.infoHash().toHex(), rid, list)), torrents.worker());
        }
        return app.call(action, r);
    }

    private CompletionStage<QbReply> maindata(QbRequest r) {
        Map<dev.bitquark.metainfo.InfoHash, java.util.Set<dev.bitquark.engine.EngineSnapshot.Part>> parts =
                new HashMap<>();
        for (dev.bitquark.engine.TorrentHandle h : torrents.session().handles()) {
            parts.put(h.infoHash(), java.util.EnumSet.of(dev.bitquark.engine.EngineSnapshot.Part.TRACKERS));
        }
        long rid = r.number("rid", 0);
        return actions.listing(parts).thenCompose(listing -> torrents.engine().sessionStats().toCompletionStage()
                .thenApplyAsync(stats -> {
                    Map<String, Map<String, Object>> byHash = listing.byHash();
                    Map<String, Object> trackers = listing.trackers();
                    Map<String, Object> categories = new LinkedHashMap<>();
                    torrents.session().library().categories().forEach((n, f) -> categories.put(n,
                            actions.category(n, f)));
                    Map<String, Object> server = new LinkedHashMap<>(app.transferInfo(stats));
                    server.put("alltime_dl", stats.downloadedTotal());
                    server.put("alltime_ul", stats.uploadedTotal());
                    server.put("free_space_on_disk", freeSpace());
                    server.put("global_ratio", String.format(java.util.Locale.ROOT, "%.2f",
                            stats.downloadedTotal() == 0 ? 0.0 : (double) stats.uploadedTotal() / stats.downloadedTotal()));
                    server.put("queueing", torrents.session().settings().queue().enabled());
                    server.put("refresh_interval", 1500);
                    server.put("total_peer_connections", stats.peersConnected());
                    server.put("use_alt_speed_limits", torrents.session().settings().altSpeed());
                    // libtorrent's disk cache figures, which qBittorrent reports and bitquark has no cache for.
                    server.put("average_time_queue", 0);
                    server.put("queued_io_jobs", stats.diskQueue());
                    server.put("read_cache_hits", "0");
                    server.put("read_cache_overload", "0");
                    server.put("total_buffers_size", 0);
                    server.put("total_queued_size", 0);
                    server.put("total_wasted_session", 0);
                    server.put("write_cache_overload", "0");
                    return QbReply.json(sync.answer(r.sessionKey(), rid, byHash, categories,
                            List.copyOf(torrents.session().library().tags()), trackers, server));
                }, torrents.worker()));
    }

    private long freeSpace() {
        java.nio.file.Path dir = torrents.sessions().downloadDir(null);
        while (dir != null && !java.nio.file.Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        try {
            return dir == null ? 0 : java.nio.file.Files.getFileStore(dir).getUsableSpace();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The client's web session for {@code sync/maindata}: its cookie, else its credentials' kind and address. */
    private static String sessionKey(RoutingContext rc) {
        for (Cookie c : rc.request().cookies(SecurityFilter.QBITTORRENT_COOKIE)) {
            return "sid:" + c.getValue();
        }
        RequestFacts facts = rc.get(RequestFacts.KEY);
        String auth = rc.request().getHeader("Authorization");
        return (auth == null ? "anon" : Integer.toHexString(auth.hashCode())) + "@"
                + (facts == null ? "?" : facts.clientKey());
    }

    private Future<List<byte[]>> readFiles(RoutingContext rc) {
        List<FileUpload> uploads = rc.fileUploads();
        if (uploads.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<Future<Buffer>> reads = new ArrayList<>();
        for (FileUpload u : uploads) {
            reads.add(rc.vertx().fileSystem().readFile(u.uploadedFileName()));
        }
        return Future.all(reads).map(cf -> {
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
                out.add(cf.<Buffer>resultAt(i).getBytes());
            }
            return out;
        });
    }

    /**
     * {@code auth/login}: the password (the user name is ignored: bitquark has one password) checked like our own
     * login, on a worker. "Ok." with the {@code SID} cookie (a login session, HttpOnly, SameSite=Strict), "Fails."
     * for a wrong password, 403 for a banned address (qBittorrent's answers).
     */
    private void login(RoutingContext rc, Map<String, String> params) {
        String password = params.getOrDefault("password", "");
        RequestFacts facts = rc.get(RequestFacts.KEY);
        String client = facts == null ? "?" : facts.clientKey();
        if (!auth.ready()) {
            send(rc, new QbReply(503, "bitquark is starting", null, null));
            return;
        }
        if (auth.config().localhostBypass() && facts != null && facts.directFromLoopback()) {
            // As qBittorrent with its local authentication off: a loopback client is in, whatever it sends (the
            // npm client and Flood need the cookie).
            send(rc, QbReply.OK.withCookie(SecurityFilter.QBITTORRENT_COOKIE + "=" + auth.sessions().create()
                    + "; HttpOnly; SameSite=Strict; Path=/"));
            return;
        }
        if (password.isEmpty() || password.length() > 1024) {
            send(rc, QbReply.text("Fails."));
            return;
        }
        rc.vertx().executeBlocking(() -> auth.check(client, password), false).onComplete(ar -> {
            if (ar.failed()) {
                send(rc, new QbReply(500, "the password could not be checked", null, null));
                return;
            }
            switch (ar.result().result()) {
                case ACCEPTED -> {
                    String token = auth.sessions().create();
                    boolean secure = facts != null && facts.secure();
                    send(rc, QbReply.OK.withCookie(SecurityFilter.QBITTORRENT_COOKIE + "=" + token
                            + "; HttpOnly; SameSite=Strict; Path=/" + (secure ? "; Secure" : "")));
                }
                case REJECTED -> send(rc, QbReply.text("Fails."));
                case BANNED -> send(rc, new QbReply(403,
                        "Your IP address has been banned after too many failed authentication attempts.", null, null));
                default -> {
                    rc.response().putHeader("Retry-After", Long.toString(ar.result().retryAfterSeconds()));
                    send(rc, new QbReply(429, "too many failed logins; retry later", null, null));
                }
            }
        });
    }

    private void send(RoutingContext rc, QbReply r) {
        HttpServerResponse res = rc.response();
        if (res.ended() || res.closed()) {
            return;
        }
        res.setStatusCode(r.status());
        if (r.cookie() != null) {
            res.headers().add("Set-Cookie", r.cookie());
        }
        if (r.json() != null) {
            try {
                res.putHeader("Content-Type", "application/json").end(Buffer.buffer(json.writeValueAsBytes(r.json())));
            } catch (JsonProcessingException e) {
                res.setStatusCode(500).end();
            }
        } else {
            res.putHeader("Content-Type", "text/plain; charset=UTF-8").end(r.text() == null ? "" : r.text());
        }
    }
}
