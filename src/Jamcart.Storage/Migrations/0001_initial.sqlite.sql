-- SQLite generates ids only for a column declared exactly INTEGER PRIMARY KEY (an alias of the rowid);
-- PostgreSQL does not accept that as a generated column. AUTOINCREMENT keeps ids from ever being reused.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    order_id TEXT NULL,
    skus TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    done_at BIGINT NULL
);

CREATE INDEX outbox_pending ON outbox (id) WHERE done_at IS NULL;
