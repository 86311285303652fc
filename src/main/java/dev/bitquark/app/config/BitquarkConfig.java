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
    SessionSettings session();

    interface SessionSettings {
        /**
         * How often changed resume data is saved. Progress made since the last save is downloaded
         * again after a crash; saving is cheap (small files, or one row), so this is short.
         */
        @WithDefault("PT2S")
        java.time.Duration saveInterval();
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
}
