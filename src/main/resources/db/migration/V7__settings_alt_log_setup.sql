-- Alternative ("turtle") rate limits, the rotating log file switch and the web UI's first-run flag
-- (see dev.bitquark.app.persistence.SessionSettings). Existing rows get the defaults: alternative
-- limits unlimited and off, no log file, and the first-run wizard not yet shown.

ALTER TABLE settings
    ADD COLUMN alt_download_limit bigint  NOT NULL DEFAULT 0 CHECK (alt_download_limit >= 0),
    ADD COLUMN alt_upload_limit   bigint  NOT NULL DEFAULT 0 CHECK (alt_upload_limit >= 0),
    ADD COLUMN alt_speed          boolean NOT NULL DEFAULT false,
    ADD COLUMN log_to_file        boolean NOT NULL DEFAULT false,
    ADD COLUMN setup_done         boolean NOT NULL DEFAULT false;
