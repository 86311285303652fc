-- Settings that were not kept before:
-- * a torrent's own connection limit (0 = the default), changeable while it runs;
-- * the settings a magnet was given before its metadata arrived (rate limits, sequential,
--   connection limit), so
--   that a restart in that window brings them back.
-- Rows written before get the defaults.

ALTER TABLE resume
    ADD COLUMN max_connections integer NOT NULL DEFAULT 0 CHECK (max_connections >= 0);

ALTER TABLE magnets
    ADD COLUMN download_limit bigint  NOT NULL DEFAULT 0 CHECK (download_limit >= 0),
    ADD COLUMN upload_limit   bigint  NOT NULL DEFAULT 0 CHECK (upload_limit >= 0),
    ADD COLUMN sequential      boolean NOT NULL DEFAULT false,
    ADD COLUMN max_connections integer NOT NULL DEFAULT 0 CHECK (max_connections >= 0);
