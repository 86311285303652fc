-- Pieces written and verified but not yet flushed to disk when the resume data was saved (see
-- dev.bitquark.engine.ResumeData#unsynced): a restart hashes them again instead of downloading them
-- again. Same length as "have" and disjoint from it. Rows saved before this column existed have none.
ALTER TABLE resume ADD COLUMN unsynced bytea NOT NULL DEFAULT ''::bytea;
UPDATE resume SET unsynced = decode(repeat('00', octet_length(have)), 'hex');
ALTER TABLE resume ALTER COLUMN unsynced DROP DEFAULT;
ALTER TABLE resume ADD CONSTRAINT resume_unsynced_length CHECK (octet_length(unsynced) = octet_length(have));
