-- Webhooks now find their order by the order id the provider keeps with the payment (the orders' primary key), and
-- search by payment id only when the two disagree (HandleWebhook). The index over payment ids went: the provider makes
-- them up at random, so each checkout's attachment wrote a page of that index of its own, about 15 KB of SQLite's
-- write-ahead log per checkout (docs/benchmarks.md). The same statement on both engines.
DROP INDEX IF EXISTS orders_by_payment_id;
