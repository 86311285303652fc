package dev.bitquark.app.api;

import dev.bitquark.app.EngineService;
import dev.bitquark.app.session.Session;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.Engine;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.metainfo.InfoHash;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What every torrents resource needs: the session (503 while it is restored), a torrent by its id
 * (404 when unknown), and engine futures as {@link Uni}s. Stateless apart from the injected
 * service; thread-safe.
 */
@ApplicationScoped
public class TorrentLookup {
    private final SessionService sessions;
    private final EngineService engines;

    TorrentLookup(SessionService sessions, EngineService engines) {
        this.sessions = sessions;
        this.engines = engines;
    }

    /** The running engine; 503 while it starts. */
    public Engine engine() {
        Engine e = engines.engine();
        if (e == null) {
            throw new ApiException(503, "starting", "the engine is still starting");
        }
        return e;
    }

    public SessionService sessions() {
        return sessions;
    }

    public Session session() {
        Session s = sessions.session();
        if (s == null) {
            throw new ApiException(503, "starting", "the session is still being restored");
        }
        return s;
    }

    /** The torrent with info-hash {@code id} (40 hex digits), or 404. */
    public TorrentHandle handle(String id) {
        InfoHash hash = parse(id);
        TorrentHandle handle = hash == null ? null : session().handle(hash);
        if (handle == null) {
            throw ApiException.notFound("no torrent " + id + (hash == null ? " (ids are 40-hex info-hashes)" : ""));
        }
        return handle;
    }

    /**
     * The metainfo of {@code h}; 409 {@code no_metadata} while a torrent added from a magnet link is
     * still fetching it (BEP 9): files, pieces and streams are not known before.
     */
    public static dev.bitquark.metainfo.Metainfo metainfo(TorrentHandle h) {
        dev.bitquark.metainfo.Metainfo m = h.metainfo();
        if (m == null) {
            throw new ApiException(409, "no_metadata", "torrent " + h.infoHash().toHex()
                    + " is still fetching its metadata from peers (magnet link)");
        }
        return m;
    }

    /** The torrent with info-hash {@code id}, or null when the id is malformed or unknown. */
    public TorrentHandle find(String id) {
        InfoHash hash = parse(id);
        return hash == null ? null : session().handle(hash);
    }

    private static InfoHash parse(String id) {
        try {
            return InfoHash.fromHex(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * An engine future as a {@link Uni} that goes on on the caller's Vert.x context (the request's event loop):
     * engine futures complete on the engine's context, and what a resource does with the result (mapping, sorting,
     * the next call) must not run there.
     */
    public static <T> Uni<T> uni(Future<T> f) {
        Uni<T> u = Uni.createFrom().completionStage(f.toCompletionStage());
        Context caller = Vertx.currentContext();
        return caller == null ? u : u.emitOn(task -> caller.runOnContext(v -> task.run()));
    }

    public static <T> Uni<T> uni(CompletionStage<T> f) {
        return Uni.createFrom().completionStage(f);
    }

    /** The cause a {@link CompletionStage} wrapped. */
    public static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
