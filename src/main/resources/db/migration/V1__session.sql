-- bitquark session store (bitquark.persistence=postgresql). Applied by Flyway at start-up.
-- One row per torrent in "torrents" (its .torrent file, stored once when added), one row of resume
-- data per torrent in "resume" (replaced on every save), and the session-wide settings in the single
-- row of "settings". The checks mirror the invariants of dev.bitquark.engine.ResumeData so that a
-- stored row always loads.

CREATE TABLE torrents (
    info_hash    bytea       PRIMARY KEY CHECK (octet_length(info_hash) = 20),  -- BEP 3: SHA-1 of info
    torrent_file bytea       NOT NULL,
    added_order  bigserial   NOT NULL UNIQUE,  -- load() order: the order torrents were added
    added_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE resume (
    info_hash           bytea       PRIMARY KEY REFERENCES torrents (info_hash) ON DELETE CASCADE,
    save_dir            text        NOT NULL,
    piece_count         integer     NOT NULL CHECK (piece_count >= 0),
    -- BEP 3 bitfield of pieces flushed to disk, ceil(piece_count / 8) bytes.
    have                bytea       NOT NULL CHECK (octet_length(have) = (piece_count + 7) / 8),
    -- One entry per file of the metainfo, in order: FilePriority names, sizes and mtimes (ms, -1 = missing).
    file_priorities     text[]      NOT NULL,
    file_sizes          bigint[]    NOT NULL,
    file_mtimes         bigint[]    NOT NULL,
    uploaded_total      bigint      NOT NULL,
    downloaded_total    bigint      NOT NULL,
    added_at_millis     bigint      NOT NULL,
    completed_at_millis bigint      NOT NULL,
    paused              boolean     NOT NULL,
    sequential          boolean     NOT NULL,
    download_limit      bigint      NOT NULL,  -- bytes/s, 0 = unlimited
    upload_limit        bigint      NOT NULL,
    error               text,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (cardinality(file_sizes) = cardinality(file_priorities)
           AND cardinality(file_mtimes) = cardinality(file_priorities))
);

CREATE TABLE settings (
    id             boolean     PRIMARY KEY DEFAULT true CHECK (id),  -- at most one row
    download_limit bigint      NOT NULL,
    upload_limit   bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

INSERT INTO settings (id, download_limit, upload_limit) VALUES (true, 0, 0);
