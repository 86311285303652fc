-- The trackers in force (the user may add and remove them; NULL: the .torrent's own) and the peers worth
-- dialing at the next start (connected ones, or added by the user), so that a torrent whose peers came from a
-- magnet link's x.pe or from the user, not from a tracker, still finds them after a restart. Both bencoded:
-- trackers as a list of tiers (lists of URLs), peers as a list of "ip:port" strings. Rows written before get
-- NULL and an empty list.

ALTER TABLE resume
    ADD COLUMN trackers bytea,
    ADD COLUMN peers    bytea NOT NULL DEFAULT '\x6c65'::bytea;
