-- Magnet links added to the session whose metadata (BEP 9) has not arrived yet: kept so that the fetch
-- goes on after a restart. Once the metadata arrives the torrent is stored in "torrents" and its row
-- here is deleted in the same transaction. (V2 and V3 are reserved for other schema changes.)

CREATE TABLE magnets (
    info_hash       bytea       PRIMARY KEY CHECK (octet_length(info_hash) = 20),  -- btih of the magnet
    magnet_uri      text        NOT NULL CHECK (magnet_uri LIKE 'magnet:?%'),
    save_dir        text        NOT NULL CHECK (save_dir <> ''),
    paused          boolean     NOT NULL,
    added_at_millis bigint      NOT NULL,
    added_order     bigserial   NOT NULL UNIQUE,  -- loadMagnets() order: the order they were added
    updated_at      timestamptz NOT NULL DEFAULT now()
);
