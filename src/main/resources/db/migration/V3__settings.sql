-- Runtime-changeable session settings beyond the rate limits (PUT /api/v1/settings). 0 and '' mean
-- "not set": the server's configured default applies (see dev.bitquark.app.persistence.SessionSettings).
-- Existing rows get the defaults, so a database migrated from V1 loads as before.

ALTER TABLE settings
    ADD COLUMN max_connections        integer NOT NULL DEFAULT 0 CHECK (max_connections >= 0),
    ADD COLUMN max_concurrent_checks  integer NOT NULL DEFAULT 0 CHECK (max_concurrent_checks >= 0),
    -- Relative to the download folder; the API keeps it inside that folder.
    ADD COLUMN default_output_folder  text    NOT NULL DEFAULT '' CHECK (octet_length(default_output_folder) <= 4096),
    ADD COLUMN events_interval_millis bigint  NOT NULL DEFAULT 0 CHECK (events_interval_millis >= 0);

ALTER TABLE settings
    ADD CHECK (download_limit >= 0 AND upload_limit >= 0);
