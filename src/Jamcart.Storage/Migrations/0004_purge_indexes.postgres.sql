-- What maintenance deletes, found by age without reading the whole table: done outbox entries (the partial index
-- leaves out the pending ones, which outbox_pending serves) and the ids of handled provider events.
-- SQLite takes the same statements: see 0004_purge_indexes.sqlite.sql.
CREATE INDEX outbox_done ON outbox (done_at) WHERE done_at IS NOT NULL;

CREATE INDEX processed_events_by_age ON processed_events (received_at);
