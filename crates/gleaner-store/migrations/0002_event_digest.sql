-- Gleaner store, layout 2: the content digest of each committed event
-- (SHA-256 of its canonical JSON, never the text), so that an event id
-- reused for other content is told apart from an exact redelivery. Rows
-- written by layout 1 keep NULL: they count as the same content.
ALTER TABLE seen_events ADD COLUMN digest bytea;
