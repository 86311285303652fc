-- The settings a magnet was given before its metadata arrived (rate limits, sequential), kept so
-- that a restart in that window brings them back. Rows written before have none.

ALTER TABLE magnets
    ADD COLUMN download_limit bigint  NOT NULL DEFAULT 0 CHECK (download_limit >= 0),
    ADD COLUMN upload_limit   bigint  NOT NULL DEFAULT 0 CHECK (upload_limit >= 0),
    ADD COLUMN sequential     boolean NOT NULL DEFAULT false;
