// Generated from the server's OpenAPI document (/q/openapi) by scripts/api-types.mjs: do not edit.
// Regenerate with `npm run api:types` after a server build; CI fails if this file is out of date.

export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with the password; sets the HttpOnly session cookie (204) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the browser session and delete its cookie (204) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password: the current one must be given (checked like a login); 204. 409 when the configuration sets it (bitquark.auth.password). Browser sessions and API tokens stay valid */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordChange"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 200 when the request is authenticated (the UI shows its login form on 401) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionInfo"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API tokens (ids and labels, never the secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TokenInfo"][];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API token for scripts (Authorization: Bearer <token>); shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TokenRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The categories, by name, with their folders */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategoryDto"][];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        /** Create a category: name (may nest: "tv/anime") and folder (relative to the download folder; "" or absent: one named after it); 409 if it exists */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CategoryRequest"];
                };
            };
            responses: {
                /** @description Created; Location names it */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategoryDto"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/categories/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a category's folder (torrents filed under it stay where they are); 409 if unknown */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CategoryRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategoryDto"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a category and take it off its torrents (their data stays); unknown: 404 */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dht/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** DHT node (BEP 5): routing table, queries in/out per second, stored peers, bootstrap state; and whether PEX (BEP 11) and LSD (BEP 14) are on */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DhtStatsDto"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/logging": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Log levels: every category with its own level, or one category (?category=) */
        get: {
            parameters: {
                query?: {
                    category?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Set a category's level (OFF FATAL ERROR WARN INFO DEBUG TRACE ALL; null or "" inherits): {"category":"dev.bitquark.engine","level":"DEBUG"}; other fields are a 400; not kept across restarts */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LevelChange"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Session-wide download and upload limits in bytes/s (0 = unlimited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LimitsDto"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Set the session-wide limits in bytes/s (0 = unlimited, negative is refused); either key may be left out; applied at once and kept across restarts */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LimitsChange"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LimitsDto"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session/space": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Free space at a save folder (default: the default output folder); the folder must lie inside the download folder, like outputFolder when adding */
        get: {
            parameters: {
                query?: {
                    folder?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpaceDto"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Session totals and rates, torrent counts by state, connections, limits and counters */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionStatsDto"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settings: "editable" (PUT changes them at run time, kept across restarts) and "readOnly" (from the configuration) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SettingsDto"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Change editable settings; unknown or read-only keys are refused with 400 naming the key; null resets a setting to the server default (not for the limits: 0 = unlimited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SettingsChange"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SettingsDto"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change settings that apply at the next start (peerPort, downloadDir, dht, ...); null goes back to the configured value; answers the whole settings document */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SettingsDto"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session's tags, sorted */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string[];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        /** Create tags ({"names": [...]}); those that exist are left as they are; answers all tags */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TagsRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string[];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a tag from the session and from every torrent; unknown: 404 */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All torrents with their stats; ?state=metadata|checking|live|downloading|seeding|paused|error filters (several: comma-separated; downloading and seeding are live torrents not finished and finished) */
        get: {
            parameters: {
                query?: {
                    state?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TorrentDto"][];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        /** Add a torrent from a form upload: file part 'torrent' (or 'torrents'), optional fields outputFolder, paused, sequential, downloadLimit, uploadLimit, maxConnections, listOnly and files (JSON [{"index":0,"priority":"skip"}]) */
        post: {
            parameters: {
                query?: {
                    /** @description The category to file it under; without outputFolder it is saved in the category's folder (a new category is created) */
                    category?: string;
                    /** @description This torrent's download limit in bytes/s (0 = unlimited) */
                    downloadLimit?: string;
                    /** @description File priorities: 0:skip,3:high (index:priority, comma-separated) or a JSON list [{"index":0,"priority":"skip"}]; priorities are skip, low, normal, high */
                    files?: string;
                    /** @description true: the first and last piece of each wanted file first */
                    firstLastPiecePriority?: string;
                    /** @description true: runs whatever the queue's limits */
                    forced?: string;
                    /** @description Seeding goal: stop after this many minutes without upload (-2 the session's, -1 none) */
                    idleMinutes?: string;
                    /** @description true: only parse and describe the torrent (files, trackers); nothing is added */
                    listOnly?: string;
                    /** @description This torrent's connection limit (1 to 10000; default 50) */
                    maxConnections?: string;
                    /** @description Folder inside the download folder to save under */
                    outputFolder?: string;
                    /** @description true: add paused (nothing is checked or downloaded until resumed) */
                    paused?: string;
                    /** @description Seeding goal: stop at this share ratio (-2 the session's, -1 none) */
                    ratioLimit?: string;
                    /** @description Seeding goal: stop after seeding this many minutes (-2 the session's, -1 none) */
                    seedingMinutes?: string;
                    /** @description true: download pieces in order */
                    sequential?: string;
                    /** @description true: a magnet link fetches its metadata, then stays paused (files can be chosen first) */
                    stopAfterMetadata?: string;
                    /** @description Its tags, comma-separated */
                    tags?: string;
                    /** @description This torrent's upload limit in bytes/s (0 = unlimited) */
                    uploadLimit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/plain": string;
                    "application/x-bittorrent": string;
                    "application/octet-stream": string;
                    "application/json": components["schemas"]["AddTorrentRequest"];
                    "multipart/form-data": components["schemas"]["AddTorrentForm"];
                };
            };
            responses: {
                /** @description listOnly: what the torrent holds, nothing added */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TorrentPreview"];
                    };
                };
                /** @description Added; Location names it */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TorrentDto"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One action on many torrents: {"action":"pause|resume|recheck|reannounce|remove|forceStart|queueTop|queueUp|queueDown|queueBottom|setCategory|addTags|removeTags","ids":[…],"deleteFiles":false,"category":"tv","tags":["a"],"value":true} → a result per id */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BulkResponse"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One torrent with its stats */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TorrentDto"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a torrent; ?deleteFiles=true also deletes its files (and only them); a value that is not true/false (1/0, on/off) is a 400 */
        delete: {
            parameters: {
                query?: {
                    deleteFiles?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change this torrent's settings: downloadLimit/uploadLimit (bytes/s, 0 = unlimited), maxConnections (1..10000; a lower one closes the least useful connections at once), sequential (true: pieces in order), category (must exist; "" or null: none), tags (replace its tags), seedGoals ({ratio, seedingMinutes, idleMinutes}: -2 the session's, -1 none), forced (runs whatever the queue); keys left out stay; all are checked before any applies and kept across restarts; answers the torrent */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TorrentChange"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TorrentDto"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/torrents/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Files with size, verified bytes, progress and priority */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FileDto"][];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set file priorities: [{"index":0,"priority":"skip|low|normal|high"}] or {"files":[…]}; all entries are checked before any applies; answers the files */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FilePriorityChanges"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FileDto"][];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/torrents/{id}/files/{index}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stream a file, also while it downloads: Range: bytes=a-b, a- or -n gives 206, no Range 200, unsatisfiable 416; the range's pieces are downloaded first. Players may pass ?token=<API token> */
        get: {
            parameters: {
                query?: never;
                header?: {
                    "If-Range"?: string;
                    Range?: string;
                };
                path: {
                    id: string;
                    index: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The whole file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description The range asked for */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** The headers of the same GET (Content-Length, Content-Range, Content-Type), without a body */
        head: {
            parameters: {
                query?: never;
                header?: {
                    "If-Range"?: string;
                    Range?: string;
                };
                path: {
                    id: string;
                    index: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The headers of the GET */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set this torrent's limits in bytes/s (0 = unlimited, negative is refused); either key may be left out; applied at once and kept across restarts; answers the torrent */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LimitsChange"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TorrentDto"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/metainfo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The .torrent file as it was added (application/x-bittorrent, attachment) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-bittorrent": unknown;
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the torrent's files to {"outputFolder":…} inside the download folder; answers 200 with the torrent once moved and saved */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MoveRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TorrentDto"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause: close connections, announce stopped */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/peers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connected peers with flags, rates and totals */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PeerDto"][];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        /** Add peers by address: {"peers":["192.0.2.7:51413","[2001:db8::1]:6881"]} (IP literals, no host names); dialed now if there is room, and kept with the torrent across restarts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PeersRequest"];
                };
            };
            responses: {
                /** @description The peers are added */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/pieces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Verified pieces: JSON {pieceCount, pieceLength, havePieces, have: base64 bitfield}, or the raw BEP 3 bitfield with Accept: application/octet-stream */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                        "application/octet-stream": unknown;
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/playlist.m3u8": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** M3U playlist (#EXTM3U) of the torrent's audio and video files in path order, as absolute stream URLs; opened with ?token=, every URL carries the token too */
        get: {
            parameters: {
                query?: {
                    token?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The playlist */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "audio/x-mpegurl": string;
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/reannounce": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Announce to the trackers now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/recheck": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify every piece on disk again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The check has started */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rename a file or a folder inside the torrent ({"path","newPath"}, as the files list shows them; a folder takes its files along; path "" renames the torrent's own folder or its one file, and the torrent's name follows unless it was given one); the data on disk moves; answers the files once renamed and saved. 404 for a path not in the torrent, 409 if the disk refuses (a file is already there) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RenameRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FileDto"][];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused torrent, or retry one in error */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/torrents/{id}/trackers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Trackers: URL, tier, status, last and next announce, seeders/leechers/peers from the last answer, last error */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrackerDto"][];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        /** Add trackers: {"urls":["udp://tracker.example:6969/announce", …]}; each gets a tier of its own after the others (ones already there are skipped); while live they are announced to soon; answers the trackers */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TrackersRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrackerDto"][];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Remove trackers: ?url=…, repeatable; those that know the torrent are told it stopped; answers the trackers (404 if none of them is a tracker of the torrent) */
        delete: {
            parameters: {
                query?: {
                    url?: string[];
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrackerDto"][];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Product name and version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VersionDto"];
                    };
                };
                /** @description An error (4xx, 5xx) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A .torrent upload with the add options as fields */
        AddTorrentForm: {
            /**
             * Format: binary
             * @description The .torrent file (part 'torrent' or 'torrents')
             */
            torrent: string;
            outputFolder?: string;
            paused?: boolean;
            sequential?: boolean;
            /** Format: int64 */
            downloadLimit?: number;
            /** Format: int64 */
            uploadLimit?: number;
            /** Format: int32 */
            maxConnections?: number;
            listOnly?: boolean;
            /** @description File priorities as JSON: [{"index":0,"priority":"skip"}] */
            files?: string;
        };
        /**
         * @description Add a torrent by URL or magnet link
         * @example {
         *       "source": "https://…"
         *     }
         */
        AddTorrentRequest: {
            /** @example https://example.org/x.torrent */
            source: string;
            outputFolder?: string;
            paused?: boolean;
            sequential?: boolean;
            files?: components["schemas"]["FilePriorityChange"][];
            /** Format: int64 */
            downloadLimit?: number;
            /** Format: int64 */
            uploadLimit?: number;
            /** Format: int32 */
            maxConnections?: number;
            listOnly?: boolean;
            stopAfterMetadata?: boolean;
            category?: string;
            tags?: string[];
            seedGoals?: components["schemas"]["SeedGoalsDto"];
            forced?: boolean;
            firstLastPiecePriority?: boolean;
        };
        /**
         * @description One action on many torrents
         * @example {
         *       "action": "pause",
         *       "ids": [
         *         "0123456789abcdef0123456789abcdef01234567"
         *       ]
         *     }
         */
        BulkRequest: {
            /** @enum {string} */
            action: "pause" | "resume" | "recheck" | "reannounce" | "remove" | "forceStart" | "queueTop" | "queueUp" | "queueDown" | "queueBottom" | "setCategory" | "addTags" | "removeTags";
            ids: string[];
            deleteFiles?: boolean;
            category?: string | null;
            tags?: string[];
            value?: boolean;
        };
        BulkResponse: {
            results: components["schemas"]["Result"][];
        };
        CategoryDto: {
            name: string;
            folder: string;
            path: string;
        };
        /**
         * @example {
         *       "name": "tv-sonarr",
         *       "folder": ""
         *     }
         */
        CategoryRequest: {
            name?: string;
            folder?: string;
        };
        /** @description A message a client sends on /api/v1/events */
        ClientFrame: components["schemas"]["SubscribeFrame"] | components["schemas"]["UnsubscribeFrame"] | components["schemas"]["ResyncFrame"] | components["schemas"]["VisibilityFrame"];
        DhtStatsDto: {
            enabled: boolean;
            state: string;
            /** Format: int32 */
            port: number;
            /** Format: int32 */
            nodes: number;
            /** Format: int32 */
            questionableNodes: number;
            /** Format: int32 */
            badNodes: number;
            /** Format: int32 */
            replacementNodes: number;
            /** Format: int32 */
            buckets: number;
            /** Format: int32 */
            torrents: number;
            /** Format: int32 */
            lookups: number;
            /** Format: double */
            queriesInPerSecond: number;
            /** Format: double */
            queriesOutPerSecond: number;
            /** Format: int64 */
            packetsIn: number;
            /** Format: int64 */
            packetsOut: number;
            /** Format: int64 */
            malformed: number;
            /** Format: int64 */
            rateLimitedIn: number;
            /** Format: int64 */
            rateLimitedOut: number;
            /** Format: int32 */
            storedInfoHashes: number;
            /** Format: int32 */
            storedPeers: number;
            droppedByReason: {
                [key: string]: number;
            };
            unresolvedRouters: string[];
            pex: boolean;
            lsd: boolean;
            message?: string | null;
        };
        EditableSettings: {
            /** Format: int64 */
            downloadLimit: number;
            /** Format: int64 */
            uploadLimit: number;
            /** Format: int32 */
            maxConnections: number;
            /** Format: int32 */
            maxConcurrentChecks: number;
            defaultOutputFolder: string;
            /** Format: int64 */
            eventsIntervalMillis: number;
            /** Format: int64 */
            altDownloadLimit: number;
            /** Format: int64 */
            altUploadLimit: number;
            altSpeed: boolean;
            logToFile: boolean;
            setupDone: boolean;
            queueing: boolean;
            /** Format: int32 */
            maxActiveDownloads: number;
            /** Format: int32 */
            maxActiveSeeds: number;
            /** Format: int32 */
            maxActiveTorrents: number;
            ignoreSlowTorrents: boolean;
            /** Format: int64 */
            slowDownloadRate: number;
            /** Format: int64 */
            slowUploadRate: number;
            /** Format: int32 */
            slowTorrentSeconds: number;
            /** Format: double */
            seedRatioLimit: number;
            /** Format: int64 */
            seedTimeLimitMinutes: number;
            /** Format: int64 */
            seedIdleLimitMinutes: number;
        };
        /** @description A client message was refused; the connection stays open */
        ErrorFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "error";
            error: string;
            message: string;
        };
        /** @description Something a user is told about: a torrent added, removed, completed (every wanted piece verified) or failed */
        EventEntry: {
            /**
             * Format: int64
             * @description One more than the previous event's
             */
            id: number;
            /** @enum {string} */
            kind: "torrent.added" | "torrent.removed" | "torrent.completed" | "torrent.error";
            /** @description 40-hex info-hash */
            torrent: string;
            name: string;
            /** @description ISO-8601 UTC */
            at: string;
            /** @description The error, for torrent.error */
            message?: string | null;
        };
        /** @description An event, as it happens (also kept in the next snapshots' events) */
        EventFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "event";
            event: components["schemas"]["EventEntry"];
        };
        /** @description A file of a torrent */
        FileDto: {
            /** Format: int32 */
            index: number;
            path: string;
            /** Format: int64 */
            size: number;
            /** Format: int64 */
            verifiedBytes: number;
            /** Format: double */
            progress: number;
            /** @enum {string} */
            priority: "SKIP" | "LOW" | "NORMAL" | "HIGH";
            padding: boolean;
        };
        /** @description A file's priority: {"index":0,"priority":"skip|low|normal|high"} */
        FilePriorityChange: {
            /** Format: int32 */
            index?: number;
            priority?: string;
        };
        /**
         * @description New priorities of some files; the bare list [{"index":0,"priority":"skip"}] is accepted too
         * @example {
         *       "files": [
         *         {
         *           "index": 0,
         *           "priority": "skip"
         *         }
         *       ]
         *     }
         */
        FilePriorityChanges: {
            files: components["schemas"]["FilePriorityChange"][];
        };
        /** @description The files of a torrent the client follows (topic files), when they changed */
        FilesFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "files";
            torrent: string;
            files: components["schemas"]["FileDto"][];
        };
        /** @description Sent when nothing changed for a while, so that a dead connection is noticed */
        HeartbeatFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "heartbeat";
            /**
             * Format: int64
             * @description The seq of the last snapshot or update sent
             */
            seq: number;
        };
        /** @description First frame on every connection: the product and its version */
        HelloFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hello";
            name: string;
            version: string;
        };
        /**
         * Format: date-time
         * @example 2022-03-10T16:15:50Z
         */
        Instant: string;
        /**
         * @description A category's new level (OFF FATAL ERROR WARN INFO DEBUG TRACE ALL; null or "" inherits)
         * @example {
         *       "category": "dev.bitquark.engine",
         *       "level": "DEBUG"
         *     }
         */
        LevelChange: {
            category?: string;
            level?: string | null;
        };
        /**
         * @description Download and upload limits in bytes/s (0 = unlimited); a key left out stays
         * @example {
         *       "downloadLimit": 1048576,
         *       "uploadLimit": 0
         *     }
         */
        LimitsChange: {
            /** Format: int64 */
            downloadLimit?: number;
            /** Format: int64 */
            uploadLimit?: number;
        };
        LimitsDto: {
            /** Format: int64 */
            downloadLimit: number;
            /** Format: int64 */
            uploadLimit: number;
        };
        LoginRequest: {
            password?: string;
        };
        /**
         * @description Where to move the torrent's files
         * @example {
         *       "outputFolder": "sub/dir"
         *     }
         */
        MoveRequest: {
            outputFolder: string;
        };
        PasswordChange: {
            current?: string;
            password?: string;
        };
        /** @description A connection to a peer */
        PeerDto: {
            address: string;
            client?: string | null;
            outgoing: boolean;
            amChoking: boolean;
            amInterested: boolean;
            peerChoking: boolean;
            peerInterested: boolean;
            seed: boolean;
            snubbed: boolean;
            /** Format: int64 */
            downloadRate: number;
            /** Format: int64 */
            uploadRate: number;
            /** Format: int64 */
            downloadedTotal: number;
            /** Format: int64 */
            uploadedTotal: number;
            /** Format: int32 */
            requestsInFlight: number;
            /** Format: int32 */
            hashFailures: number;
            /** Format: double */
            progress: number;
            /** Format: int64 */
            connectedForMillis: number;
            /** @enum {string} */
            source: "tracker" | "user" | "incoming" | "pex" | "dht" | "lsd" | "saved";
        };
        /** @description The connections of a torrent the client follows (topic peers), when they changed */
        PeersFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "peers";
            torrent: string;
            peers: components["schemas"]["PeerDto"][];
        };
        /**
         * @description Peers to dial, ip:port (IPv6 as [addr]:port), no host names
         * @example {
         *       "peers": [
         *         "192.0.2.7:51413",
         *         "[2001:db8::1]:6881"
         *       ]
         *     }
         */
        PeersRequest: {
            peers: string[];
        };
        /** @description The verified pieces of a torrent the client follows (topic pieces), when they changed */
        PiecesFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "pieces";
            torrent: string;
            /** Format: int32 */
            pieceCount: number;
            /** Format: int32 */
            havePieces: number;
            /** @description Base64 of the BEP 3 bitfield (first piece in the high bit of the first byte) */
            have: string;
        };
        PreviewFile: {
            /** Format: int32 */
            index: number;
            path: string;
            /** Format: int64 */
            size: number;
        };
        ReadOnlySettings: {
            /** Format: int32 */
            httpPort: number;
            httpHost: string;
            /** Format: int32 */
            peerPort: number;
            peerBind: string;
            downloadDir: string;
            dataDir: string;
            persistence: string;
            /** Format: int64 */
            sessionSaveIntervalMillis: number;
            /** Format: int32 */
            eventsMaxClients: number;
            dht: boolean;
            /** Format: int32 */
            dhtPort: number;
            dhtBootstrap: string[];
            pex: boolean;
            lsd: boolean;
            logFile: string;
            watchDir: string;
            /** Format: int64 */
            watchIntervalMillis: number;
            watchAfterAdd: string;
            /** Format: int64 */
            streamReadAheadBytes: number;
            logJson: boolean;
            /** Format: int32 */
            logTailClients: number;
            /** Format: int64 */
            logFileSize: number;
            /** Format: int32 */
            logFileBackups: number;
            allowedHosts: string[];
            trustedProxies: string[];
            localhostBypass: boolean;
            protectMetrics: boolean;
            /** Format: int64 */
            loginSessionMinutes: number;
            /** Format: int32 */
            loginFailuresPerMinute: number;
            /** Format: int32 */
            loginBanAfterFailures: number;
            /** Format: int64 */
            loginBanMinutes: number;
        };
        /**
         * @description A file or folder of the torrent and its new path (both as the files list shows them); path "" renames the torrent's own folder (or its one file) to newPath, a single name
         * @example {
         *       "path": "e01.mkv",
         *       "newPath": "Episode 1.mkv"
         *     }
         */
        RenameRequest: {
            path: string;
            newPath: string;
        };
        Result: {
            id: string;
            ok: boolean;
            error?: string | null;
            message?: string | null;
        };
        /** @description The client saw a gap in seq (or lost track): a fresh snapshot follows */
        ResyncFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "resync";
        };
        /** @description Seeding goals: -2 = the session's, -1 = none, else the limit */
        SeedGoalsDto: {
            /** Format: double */
            ratio?: number;
            /** Format: int64 */
            seedingMinutes?: number;
            /** Format: int64 */
            idleMinutes?: number;
        };
        /** @description A frame the server sends on /api/v1/events */
        ServerFrame: components["schemas"]["HelloFrame"] | components["schemas"]["SnapshotFrame"] | components["schemas"]["UpdateFrame"] | components["schemas"]["PeersFrame"] | components["schemas"]["FilesFrame"] | components["schemas"]["TrackersFrame"] | components["schemas"]["PiecesFrame"] | components["schemas"]["EventFrame"] | components["schemas"]["HeartbeatFrame"] | components["schemas"]["ErrorFrame"];
        /** @description The fields of SessionStatsDto that changed with their new values */
        SessionChangeFrame: {
            [key: string]: unknown;
        };
        SessionInfo: {
            authenticated: boolean;
            method: string;
            passwordChangeable: boolean;
        };
        SessionStatsDto: {
            /** Format: int32 */
            torrents: number;
            /** Format: int32 */
            metadata: number;
            /** Format: int32 */
            checking: number;
            /** Format: int32 */
            live: number;
            /** Format: int32 */
            seeding: number;
            /** Format: int32 */
            paused: number;
            /** Format: int32 */
            error: number;
            /** Format: int64 */
            downloadRate: number;
            /** Format: int64 */
            uploadRate: number;
            /** Format: int64 */
            downloadedTotal: number;
            /** Format: int64 */
            uploadedTotal: number;
            /** Format: int32 */
            peersConnected: number;
            /** Format: int32 */
            connections: number;
            /** Format: int64 */
            downloadLimit: number;
            /** Format: int64 */
            uploadLimit: number;
            /** Format: int32 */
            maxConnections: number;
            /** Format: int32 */
            maxConcurrentChecks: number;
            /** Format: int32 */
            checksWaiting: number;
            /** Format: int64 */
            hashFailures: number;
            /** Format: int32 */
            diskQueue: number;
            /** Format: int64 */
            announcesOk: number;
            /** Format: int64 */
            announcesFailed: number;
            /** Format: int64 */
            incomingPeers: number;
            /** Format: int32 */
            queued: number;
            queueing: boolean;
        };
        /**
         * @description Editable settings to change; keys left out stay, null restores the default
         * @example {
         *       "downloadLimit": 0,
         *       "maxConnections": 200,
         *       "defaultOutputFolder": "tv",
         *       "altSpeed": true
         *     }
         */
        SettingsChange: {
            /** Format: int64 */
            downloadLimit?: number;
            /** Format: int64 */
            uploadLimit?: number;
            /** Format: int32 */
            maxConnections?: number | null;
            /** Format: int32 */
            maxConcurrentChecks?: number | null;
            defaultOutputFolder?: string | null;
            /** Format: int64 */
            eventsIntervalMillis?: number | null;
            /** Format: int64 */
            altDownloadLimit?: number;
            /** Format: int64 */
            altUploadLimit?: number;
            altSpeed?: boolean;
            logToFile?: boolean;
            setupDone?: boolean;
            queueing?: boolean;
            /** Format: int32 */
            maxActiveDownloads?: number;
            /** Format: int32 */
            maxActiveSeeds?: number;
            /** Format: int32 */
            maxActiveTorrents?: number;
            ignoreSlowTorrents?: boolean;
            /** Format: int64 */
            slowDownloadRate?: number;
            /** Format: int64 */
            slowUploadRate?: number;
            /** Format: int32 */
            slowTorrentSeconds?: number;
            /** Format: double */
            seedRatioLimit?: number;
            /** Format: int64 */
            seedTimeLimitMinutes?: number;
            /** Format: int64 */
            seedIdleLimitMinutes?: number;
        };
        SettingsDto: {
            editable: components["schemas"]["EditableSettings"];
            defaults: components["schemas"]["EditableSettings"];
            readOnly: components["schemas"]["ReadOnlySettings"];
            start: {
                [key: string]: components["schemas"]["StartValue"];
            };
        };
        /** @description Every torrent and the session, after hello and when a client falls behind or asks for resync */
        SnapshotFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "snapshot";
            /**
             * Format: int64
             * @description One more than the seq of the previous snapshot or update on this connection; a client that sees a gap sends resync and gets a fresh snapshot
             */
            seq: number;
            torrents: components["schemas"]["TorrentDto"][];
            session: components["schemas"]["SessionStatsDto"];
            history: components["schemas"]["SpeedHistory"];
            /** @description The last 100 events, oldest first */
            events: components["schemas"]["EventEntry"][];
        };
        SpaceDto: {
            /** @description The folder as the server resolves it (absolute) */
            folder: string;
            exists: boolean;
            /** @description The folder, or its deepest existing parent, may be written to */
            writable: boolean;
            /**
             * Format: int64
             * @description Bytes free to this process on that file system
             */
            freeBytes: number;
            /** Format: int64 */
            totalBytes: number;
        };
        /** @description The session's download and upload rates (bytes/s) of the last 10 minutes at about one point a second, oldest first; the three lists have the same length */
        SpeedHistory: {
            /** @description Epoch milliseconds */
            times: number[];
            download: number[];
            upload: number[];
        };
        StartValue: {
            property: string;
            environmentVariable: string;
            next: number | boolean | string | string[];
            restartNeeded: boolean;
            lockedBy?: string | null;
        };
        /** @description Follow parts of a torrent (its details view): the frames of the listed topics follow every interval in which they changed; a new subscribe to the same torrent replaces the list, an empty list ends it. At most 16 torrents per connection */
        SubscribeFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "subscribe";
            /** @description 40-hex info-hash */
            torrent: string;
            /** @description Topics to follow */
            topics: components["schemas"]["Topic"][];
            /** @description Older form, used when topics is absent: true (the default) follows the peers only, false ends the subscription */
            peers: boolean;
        };
        /**
         * @example {
         *       "names": [
         *         "4k",
         *         "keep"
         *       ]
         *     }
         */
        TagsRequest: {
            names?: string[];
        };
        TokenInfo: {
            id: string;
            label?: string | null;
            created: components["schemas"]["Instant"];
        };
        TokenRequest: {
            label?: string;
        };
        /** @enum {string} */
        Topic: "peers" | "files" | "trackers" | "pieces";
        /**
         * @description A torrent's settings to change; keys left out stay
         * @example {
         *       "sequential": true,
         *       "maxConnections": 20
         *     }
         */
        TorrentChange: {
            /** Format: int64 */
            downloadLimit?: number;
            /** Format: int64 */
            uploadLimit?: number;
            /** Format: int32 */
            maxConnections?: number;
            sequential?: boolean;
            category?: string | null;
            tags?: string[];
            seedGoals?: components["schemas"]["SeedGoalsDto"];
            forced?: boolean;
            firstLastPiecePriority?: boolean;
            name?: string | null;
        };
        /** @description id, and the fields of TorrentDto that changed with their new values */
        TorrentChangeFrame: {
            id: string;
        } & {
            [key: string]: unknown;
        };
        TorrentDto: {
            id: string;
            name: string;
            state: string;
            finished: boolean;
            error?: string | null;
            /** Format: double */
            progress: number;
            /** Format: int64 */
            totalBytes: number;
            /** Format: int64 */
            wantedBytes: number;
            /** Format: int64 */
            verifiedBytes: number;
            /** Format: int32 */
            pieceCount: number;
            /** Format: int32 */
            havePieces: number;
            /** Format: double */
            checkedFraction: number;
            /** Format: int64 */
            downloadRate: number;
            /** Format: int64 */
            uploadRate: number;
            /** Format: int64 */
            downloadedTotal: number;
            /** Format: int64 */
            uploadedTotal: number;
            /** Format: double */
            ratio: number;
            /** Format: int32 */
            peersConnected: number;
            /** Format: int32 */
            peersKnown: number;
            /** Format: int32 */
            seedsConnected: number;
            /** Format: int64 */
            etaSeconds: number;
            fastResumed: boolean;
            /** Format: int64 */
            checkedPieces: number;
            saveDir: string;
            /** Format: int64 */
            downloadLimit: number;
            /** Format: int64 */
            uploadLimit: number;
            sequential: boolean;
            /** Format: int32 */
            maxConnections: number;
            addedAt: string;
            completedAt?: string | null;
            peersBySource: {
                [key: string]: number;
            };
            category?: string | null;
            tags: string[];
            seedGoals: components["schemas"]["SeedGoalsDto"];
            effectiveSeedGoals: components["schemas"]["SeedGoalsDto"];
            goalReached?: string | null;
            forced: boolean;
            /** Format: int32 */
            queuePosition: number;
            /** Format: int64 */
            downloadingSeconds: number;
            /** Format: int64 */
            seedingSeconds: number;
            lastActivityAt?: string | null;
            firstLastPiecePriority: boolean;
            contentName: string;
            customName: boolean;
        };
        /** @description What a torrent holds, before it is added (listOnly) */
        TorrentPreview: {
            infoHash: string;
            name?: string | null;
            /** @description false for a magnet link: no files or sizes before its metadata arrives */
            metadata: boolean;
            /** Format: int64 */
            totalSize: number;
            /** Format: int32 */
            pieceLength: number;
            /** Format: int32 */
            pieceCount: number;
            private: boolean;
            files: components["schemas"]["PreviewFile"][];
            trackers: string[];
        };
        TrackerDto: {
            url: string;
            /** Format: int32 */
            tier: number;
            /** @enum {string} */
            status: "not_contacted" | "updating" | "ok" | "error" | "unsupported";
            lastAnnounce?: string | null;
            nextAnnounce?: string | null;
            /** Format: int32 */
            seeders: number;
            /** Format: int32 */
            leechers: number;
            /** Format: int32 */
            peers: number;
            lastError?: string | null;
            warning?: string | null;
        };
        /** @description The trackers of a torrent the client follows (topic trackers), when they changed */
        TrackersFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "trackers";
            torrent: string;
            trackers: components["schemas"]["TrackerDto"][];
        };
        /**
         * @description Tracker announce URLs to add, each in a tier of its own
         * @example {
         *       "urls": [
         *         "udp://tracker.example:6969/announce"
         *       ]
         *     }
         */
        TrackersRequest: {
            urls: string[];
        };
        /** @description Stop the peers frames of a torrent */
        UnsubscribeFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "unsubscribe";
            /** @description 40-hex info-hash */
            torrent: string;
        };
        /** @description What changed since the previous frame; sent only when something did */
        UpdateFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "update";
            /**
             * Format: int64
             * @description One more than the seq of the previous snapshot or update on this connection; a client that sees a gap sends resync and gets a fresh snapshot
             */
            seq: number;
            torrents: components["schemas"]["TorrentChangeFrame"][];
            /** @description Torrents new since the previous frame, whole */
            added: components["schemas"]["TorrentDto"][];
            /** @description Ids of torrents gone since the previous frame */
            removed: string[];
            session: components["schemas"]["SessionChangeFrame"];
        };
        VersionDto: {
            name: string;
            version: string;
        };
        /** @description The page went to the background (hidden: only the whole session every 5 s, and events) or came back (a fresh snapshot follows) */
        VisibilityFrame: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "visibility";
            hidden: boolean;
        };
        /** @description An error: error is a stable code for programs, message a sentence for people */
        ApiError: {
            error: string;
            message: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
