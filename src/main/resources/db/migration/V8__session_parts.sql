-- What organizes torrents (issue: categories, tags, seeding goals, queueing). Per torrent, in resume and in
-- magnets: category, tags, seeding goals, forced start, queue order and times, as one bencoded dictionary
-- (dev.bitquark.app.persistence.SessionPartsCodec; NULL: no category or tags, the session's goals, the end of
-- the queue). Per session, in settings: the queue's limits, the default seeding goals, the categories with their
-- folders and the tags, likewise (NULL: queue off, no goals, none).

ALTER TABLE resume
    ADD COLUMN session_parts bytea;

ALTER TABLE magnets
    ADD COLUMN session_parts bytea;

ALTER TABLE settings
    ADD COLUMN library bytea;
