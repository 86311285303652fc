package dev.bitquark.app.api;

import dev.bitquark.app.session.Session;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.metainfo.BadMagnetException;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Adds torrents for every form of {@code POST /api/v1/torrents}: .torrent bytes (raw body or form
 * upload) or a source string (http(s) URL fetched by {@link TorrentFetcher}, or a magnet link).
 * Checks in this order, each a specific error: output folder (400), size (413), torrent (400, or
 * 422 for a fetched file), file priorities (400); then {@code listOnly} describes the torrent, a
 * torrent already in the session is a 409 naming it, and otherwise it is added with its options in
 * force from the start (priorities, limits, sequential, paused) → 201 + Location.
 *
 * <p>Thread-safe: the set of info-hashes being added keeps two simultaneous adds of one torrent
 * from both succeeding.
 */
@ApplicationScoped
public class TorrentAdder {
    /** Largest .torrent accepted by upload or URL (real ones are well under 1 MiB; 10 MiB has 500k pieces). */
    public static final int MAX_TORRENT_BYTES = 10 << 20;

    private final TorrentLookup torrents;
    private final TorrentFetcher fetcher;
    private final Set<InfoHash> adding = ConcurrentHashMap.newKeySet();

    TorrentAdder(TorrentLookup torrents, @ConfigProperty(name = "quarkus.application.version") String version) {
        this.torrents = torrents;
        this.fetcher = new TorrentFetcher("bitquark/" + version);
    }

    /** Adds (or, with {@code listOnly}, describes) the .torrent file given in the request. */
    public Uni<Response> addFile(byte[] torrent, AddOptions o) {
        TorrentOptions base = baseOptions(o);
        if (torrent == null || torrent.length == 0) {
            throw ApiException.badRequest("bad_torrent", "no torrent given: send the .torrent file");
        }
        return add(torrent, o, base, 400);
    }

    /** Adds (or describes) the torrent behind {@code source}: an http(s) URL or a magnet link. */
    public Uni<Response> addSource(String source, AddOptions o) {
        if (source == null || source.isBlank()) {
            throw ApiException.badRequest("bad_source", "source is missing: give an http(s) URL or a magnet link");
        }
        String s = source.strip();
        if (s.toLowerCase(Locale.ROOT).startsWith("magnet:")) {
            return addMagnet(s, o);
        }
        URI url = TorrentFetcher.parseUrl(s);
        TorrentOptions base = baseOptions(o);
        return TorrentLookup.uni(fetcher.fetch(url, MAX_TORRENT_BYTES))
                .flatMap(bytes -> add(bytes, o, base, 422));
    }

    /**
     * A magnet link (BEP 9): the session fetches the info dictionary from peers. File priorities
     * cannot be given before the file list is known; {@code listOnly} shows what the link itself says.
     */
    private Uni<Response> addMagnet(String uri, AddOptions o) {
        Magnet magnet;
        try {
            magnet = Magnet.parse(uri);
        } catch (BadMagnetException e) {
            throw ApiException.badRequest("bad_source", "not a valid magnet link: " + e.getMessage());
        }
        if (o.files != null && !o.files.isEmpty()) {
            throw ApiException.badRequest("bad_files", "a magnet link has no file list until its metadata arrives: "
                    + "set file priorities with PATCH /api/v1/torrents/{id}/files once it is known");
        }
        if (o.listOnly) {
            return Uni.createFrom().item(Response.ok(TorrentPreview.of(magnet), MediaType.APPLICATION_JSON).build());
        }
        TorrentOptions options = baseOptions(o);
        InfoHash hash = magnet.infoHash();
        Session session = torrents.session();
        if (session.handle(hash) != null || !adding.add(hash)) {
            throw ApiException.duplicate(hash.toHex(), "torrent " + hash.toHex() + " is already in the session");
        }
        return Uni.createFrom().completionStage(() -> session.library().prepareAdd(options.policy())
                        .thenCompose(v -> session.addMagnet(uri, options, o.stopAfterMetadata)))
                .onTermination().invoke(() -> adding.remove(hash))
                .onFailure(t -> !(t instanceof ApiException)).transform(t -> new ApiException(500, "add_failed",
                        "the magnet link could not be added: " + TorrentLookup.unwrap(t).getMessage()))
                .flatMap((TorrentHandle h) -> TorrentLookup.uni(h.stats()))
                .map(s -> Response.created(URI.create("/api/v1/torrents/" + s.infoHash().toHex()))
                        .entity(TorrentDto.of(s)).type(MediaType.APPLICATION_JSON).build());
    }

    private TorrentOptions baseOptions(AddOptions o) {
        try {
            // An explicit folder wins; else the category's (qBittorrent's automatic mode, Sonarr's category path).
            String category = o.policy.category();
            java.nio.file.Path dir = (o.outputFolder == null || o.outputFolder.isBlank()) && category != null
                    ? torrents.sessions().categoryDir(category) : torrents.sessions().downloadDir(o.outputFolder);
            TorrentOptions options = TorrentOptions.defaults(dir)
                    .withSequential(o.sequential)
                    .withRateLimits(o.downloadLimit, o.uploadLimit)
                    .withStartPaused(o.paused)
                    .withPolicy(o.policy);
            return o.maxConnections > 0 ? options.withMaxConnections(o.maxConnections) : options;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_folder", e.getMessage());
        }
    }

    /** {@code badStatus}: 400 when the client sent the bytes, 422 when they came from its URL. */
    private Uni<Response> add(byte[] bytes, AddOptions o, TorrentOptions base, int badStatus) {
        if (bytes.length > MAX_TORRENT_BYTES) {
            throw ApiException.tooLarge("the torrent is " + bytes.length + " bytes; at most " + MAX_TORRENT_BYTES
                    + " are accepted");
        }
        Metainfo meta;
        try {
            meta = Metainfo.parse(bytes);
        } catch (BadTorrentException e) {
            throw new ApiException(badStatus, "bad_torrent", (badStatus == 422 ? "the fetched file is not a torrent: "
                    : "not a torrent: ") + e.getMessage());
        }
        Map<Integer, FilePriority> changes = FilePriorityChange.validate(o.files, meta.files().size(), "files");
        if (o.listOnly) {
            return Uni.createFrom().item(Response.ok(TorrentPreview.of(meta), MediaType.APPLICATION_JSON).build());
        }
        TorrentOptions options = changes.isEmpty() ? base : base.withFilePriorities(FilePriorityChange.apply(changes,
                Collections.nCopies(meta.files().size(), FilePriority.NORMAL)));
        InfoHash hash = meta.infoHash();
        Session session = torrents.session();
        if (session.handle(hash) != null || !adding.add(hash)) {
            throw ApiException.duplicate(hash.toHex(), "torrent " + meta.name() + " (" + hash.toHex()
                    + ") is already in the session");
        }
        return Uni.createFrom().completionStage(() -> session.library().prepareAdd(options.policy())
                        .thenCompose(v -> session.add(bytes, options)))
                .onTermination().invoke(() -> adding.remove(hash))
                .onFailure(t -> !(t instanceof ApiException)).transform(t -> new ApiException(500, "add_failed",
                        "the torrent could not be added: " + TorrentLookup.unwrap(t).getMessage()))
                .flatMap((TorrentHandle h) -> TorrentLookup.uni(h.stats()))
                .map(s -> Response.created(URI.create("/api/v1/torrents/" + s.infoHash().toHex()))
                        .entity(TorrentDto.of(s)).type(MediaType.APPLICATION_JSON).build());
    }
}
