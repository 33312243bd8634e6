-- PostgreSQL generates ids with an identity column; SQLite does not know that syntax (see 0001_initial.sqlite.sql).
CREATE TABLE outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    order_id TEXT NULL,
    skus TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    done_at BIGINT NULL
);

CREATE INDEX outbox_pending ON outbox (id) WHERE done_at IS NULL;
