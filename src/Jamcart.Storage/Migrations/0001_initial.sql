-- The checkout's tables, in SQL that SQLite and PostgreSQL both accept.
-- Timestamps are BIGINT Unix microseconds UTC; booleans SMALLINT 0/1; money BIGINT minor units beside a TEXT
-- ISO 4217 code. Lists of codes (locales, countries, SKUs) are TEXT joined with commas.
-- The outbox needs a generated id, which the two engines spell differently: see 0001_initial.<engine>.sql.

-- The synced jamcart.yml settings: one row.
CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    base_url TEXT NOT NULL,
    currency TEXT NOT NULL,
    -- All three NULL when the store sells no physical goods.
    shipping_flat_rate BIGINT NULL,
    shipping_free_over BIGINT NULL,
    shipping_countries TEXT NULL,
    tax_rate_ppm BIGINT NOT NULL,
    tax_inclusive SMALLINT NOT NULL,
    default_locale TEXT NOT NULL,
    locales TEXT NOT NULL,
    low_stock_threshold INTEGER NOT NULL,
    synced_at BIGINT NOT NULL
);

-- The synced catalog. A SKU no longer in the store is kept (removed = 1) so that its stock survives a re-add.
CREATE TABLE products (
    sku TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    price_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    draft SMALLINT NOT NULL,
    removed SMALLINT NOT NULL,
    -- The front matter's stock at the last sync: it seeded on_hand once and is informational since.
    initial_stock BIGINT NOT NULL,
    synced_at BIGINT NOT NULL
);

-- Stock counters. reserved is the sum of the SKU's reservations in state 'active'; every statement that changes one
-- changes the other in the same transaction, so a reservation is one conditional UPDATE of this row (invariant I2).
CREATE TABLE inventory (
    sku TEXT PRIMARY KEY REFERENCES products (sku),
    on_hand BIGINT NOT NULL CHECK (on_hand >= 0),
    reserved BIGINT NOT NULL CHECK (reserved >= 0)
);

CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    subtotal BIGINT NOT NULL,
    shipping BIGINT NOT NULL,
    discount BIGINT NOT NULL,
    tax BIGINT NOT NULL,
    tax_inclusive SMALLINT NOT NULL,
    total BIGINT NOT NULL,
    email TEXT NOT NULL,
    -- ship_name is NULL exactly when the order has no shipping address.
    ship_name TEXT NULL,
    ship_line1 TEXT NULL,
    ship_line2 TEXT NULL,
    ship_city TEXT NULL,
    ship_region TEXT NULL,
    ship_postal_code TEXT NULL,
    ship_country TEXT NULL,
    locale TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    reserved_until BIGINT NOT NULL,
    paid_at BIGINT NULL,
    payment_provider TEXT NOT NULL,
    payment_id TEXT NULL,
    client_secret TEXT NULL,
    -- payment_error_code is NULL exactly when there is no last payment error.
    payment_error_code TEXT NULL,
    payment_error_decline_code TEXT NULL,
    payment_error_message TEXT NULL,
    refunded_amount BIGINT NOT NULL,
    status_reason TEXT NULL,
    refund_due BIGINT NOT NULL,
    reconcile_after BIGINT NULL,
    version BIGINT NOT NULL
);

CREATE INDEX orders_by_payment_id ON orders (payment_id);
CREATE INDEX orders_newest_first ON orders (created_at DESC, id DESC);
CREATE INDEX orders_by_status_newest_first ON orders (status, created_at DESC, id DESC);
CREATE INDEX orders_due ON orders (reconcile_after) WHERE reconcile_after IS NOT NULL;

CREATE TABLE order_lines (
    order_id TEXT NOT NULL REFERENCES orders (id),
    line_no INTEGER NOT NULL,
    sku TEXT NOT NULL,
    title TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price BIGINT NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

-- One row per order and SKU; the primary key also serves the look-ups by order.
CREATE TABLE reservations (
    order_id TEXT NOT NULL REFERENCES orders (id),
    sku TEXT NOT NULL REFERENCES inventory (sku),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    expires_at BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'released', 'sold')),
    PRIMARY KEY (order_id, sku)
);

CREATE INDEX reservations_running ON reservations (sku, state, expires_at);

CREATE TABLE refunds (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id),
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX refunds_by_order ON refunds (order_id, created_at);

-- Provider events already handled, so a redelivery changes nothing (invariant I3).
CREATE TABLE processed_events (
    event_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

CREATE TABLE idempotency_records (
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('in_progress', 'completed')),
    locked_until BIGINT NULL,
    status_code INTEGER NULL,
    content_type TEXT NULL,
    -- BYTEA is PostgreSQL's binary type; SQLite accepts the name and stores blobs unchanged under it.
    body BYTEA NULL,
    created_at BIGINT NOT NULL,
    completed_at BIGINT NULL,
    -- Bumped by every change, so that a takeover (expired lease or retention) is a conditional UPDATE only one wins.
    revision BIGINT NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX idempotency_records_by_age ON idempotency_records (created_at);
