-- The same indexes as 0004_purge_indexes.postgres.sql, for the same purges: done outbox entries and handled provider
-- events by age. SQLite has partial indexes too, so the pending outbox entries stay out of this one as well.
CREATE INDEX outbox_done ON outbox (done_at) WHERE done_at IS NOT NULL;

CREATE INDEX processed_events_by_age ON processed_events (received_at);
