package dev.bitquark.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * bitquark's settings ({@code bitquark.*} in application.properties). Every key can be overridden by
 * an environment variable in the MicroProfile form, e.g. {@code bitquark.peer.port} by
 * {@code BITQUARK_PEER_PORT}, and by the matching command-line option of {@code server}.
 */
@ConfigMapping(prefix = "bitquark")
public interface BitquarkConfig {

    Http http();

    Peer peer();

    /** Where torrent payloads are written unless a torrent names another folder. */
    @WithDefault("./downloads")
    Path downloadDir();

    /** Where bitquark keeps its own state (session, resume data, copies of .torrent files). */
    @WithDefault("./data")
    Path dataDir();

    /**
     * Where the session (torrents, resume data, settings) is kept: {@code files} in {@link #dataDir()},
     * or {@code postgresql} in the database of {@link #db()}. Also switches the Quarkus datasource and
     * its Flyway migrations on (see application.properties), so {@code files} needs no database.
     */
    @WithDefault("files")
    Persistence persistence();

    /** The PostgreSQL database, used only with {@code persistence=postgresql}. */
    Db db();

    /** The long-running session (server mode). */
    SessionSaving session();

    /** The DHT node (BEP 5): trackerless torrents and magnet links. */
    Dht dht();

    /** Peer exchange (BEP 11). */
    Pex pex();

    /** Local service discovery (BEP 14). */
    Lsd lsd();

    /** The watch folder: .torrent and .magnet files dropped there are added (off unless {@code dir} is set). */
    Watch watch();

    interface Watch {
        /**
         * The folder to watch; unset means no watch folder. It may be missing or unreadable for a
         * while (a network mount not up yet): the server warns once and keeps polling.
         */
        Optional<Path> dir();

        /**
         * How often the folder is listed. A file is taken once its size and modification time are
         * the same in two listings in a row, so a file still being copied waits about this long more.
         */
        @WithDefault("PT2S")
        java.time.Duration interval();

        /** What happens to a file once its torrent is in the session: renamed to {@code <name>.added}, or deleted. */
        @WithDefault("rename")
        AfterAdd afterAdd();
    }

    /** A consumed watch-folder file is renamed to {@code <name>.added} or deleted. */
    enum AfterAdd {
        RENAME, DELETE
    }

    /** How the session's state is saved ({@code bitquark.session.*}). */
    interface SessionSaving {
        /**
         * How often changed resume data is saved. After a killed process, pieces completed since the
         * last save are downloaded again (the ones before it are hashed again at most); saving is
         * cheap (one small file per changed torrent, or one row), so this is short.
         */
        @WithDefault("PT1S")
        java.time.Duration saveInterval();
    }

    /** HTTP streaming of files while they download ({@code /api/v1/torrents/{id}/files/{index}/stream}). */
    Stream stream();

    interface Stream {
        /**
         * Bytes after a stream's read position that are downloaded ahead of everything else (at least four
         * pieces in any case), so playback does not stall at each piece boundary.
         */
        @WithDefault("8388608")
        long readAheadBytes();
    }

    /** Live updates on the WebSocket {@code /api/v1/events}. */
    Events events();

    interface Events {
        /**
         * How often the engine is sampled and changes are sent to each client; the default when
         * the session settings do not set {@code eventsIntervalMillis}.
         */
        @WithDefault("PT1S")
        java.time.Duration interval();

        /** Clients at once; more are refused with close code 1013. */
        @WithDefault("32")
        int maxClients();
    }

    enum Persistence {
        FILES, POSTGRESQL
    }

    /** Feeds {@code quarkus.datasource.jdbc.url}, {@code .username} and {@code .password}. */
    interface Db {
        /** JDBC URL, e.g. {@code jdbc:postgresql://postgres.bitquark.svc:5432/bitquark}. */
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();
    }

    interface Http {
        /** Port of the web UI and the API (feeds {@code quarkus.http.port}). */
        @WithDefault("3030")
        int port();

        /** Address the web UI and API listen on (feeds {@code quarkus.http.host}). */
        @WithDefault("0.0.0.0")
        String host();

        /**
         * Host names the web UI and API answer to besides localhost and IP literals (DNS-rebinding
         * guard): exact names, {@code *.example.org}, or {@code *} for any.
         */
        Optional<List<String>> allowedHosts();

        /** Reverse proxies (addresses or CIDR blocks) whose X-Forwarded-* headers are believed. */
        Optional<List<String>> trustedProxies();
    }

    interface Peer {
        /** TCP port for incoming BitTorrent connections. */
        @WithDefault("4240")
        int port();

        /** Address the peer listener binds to. */
        @WithDefault("0.0.0.0")
        String bind();
    }

    interface Dht {
        /** Run a DHT node; private torrents (BEP 27) never use it. */
        @WithDefault("true")
        boolean enabled();

        /** Its UDP port; unset: the peer port (as libtorrent and Transmission do). */
        java.util.OptionalInt port();

        /**
         * Routers and nodes to bootstrap from, {@code host:port}, comma-separated; unset: the well-known public
         * routers; {@code none}: no router (the node learns from peers' BEP 5 {@code port} messages and its saved
         * table).
         */
        Optional<List<String>> bootstrap();
    }

    interface Pex {
        /** Exchange peers with peers that offer {@code ut_pex}; private torrents never do. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Lsd {
        /** Announce torrents on the local network (multicast 239.192.152.143:6771) and listen there. */
        @WithDefault("true")
        boolean enabled();
    }

    /** The compatibility APIs: each can be switched off. */
    Compat compat();

    interface Compat {
        /**
         * Transmission's RPC at {@code /transmission/rpc} and {@code /rpc}, for Sonarr, Radarr, transmission-remote
         * and Transmission remotes ({@code BITQUARK_COMPAT_TRANSMISSION=false} turns it off).
         */
        @WithDefault("true")
        boolean transmission();

        /**
         * qBittorrent's WebUI API v2 at {@code /api/v2}, for Sonarr, Radarr, Prowlarr and qBittorrent clients
         * ({@code BITQUARK_COMPAT_QBITTORRENT=false} turns it off).
         */
        @WithDefault("true")
        boolean qbittorrent();
    }
}
