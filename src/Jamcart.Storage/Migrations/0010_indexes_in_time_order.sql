-- Two indexes whose keys scattered each checkout's writes over pages of their own, about 12 KB of SQLite's
-- write-ahead log per checkout each (docs/benchmarks.md). The same statements on both engines.

-- Payment ids are made up at random by the provider. Webhooks now find their order by the order id the provider keeps
-- with the payment (the orders' primary key), and search by payment id only when the two disagree (HandleWebhook).
DROP INDEX IF EXISTS orders_by_payment_id;

-- Keyed by SKU first, a new reservation went to one of as many places as the store has SKUs. Keyed by expiry, every
-- new one goes at the end, and only running ones are in it. It serves the look-ups of reservations that ran out but
-- still count (InventoryStatements): availability is the counter of running ones less those.
DROP INDEX IF EXISTS reservations_running;
CREATE INDEX reservations_by_expiry ON reservations (expires_at, sku, quantity) WHERE state = 'active';
