-- The idempotency key of the shop's request that made a refund, as the provider reports it with the refund (Stripe:
-- its metadata). A refund lost in a crash is listed by its event with this key, so that the retry of the same request
-- finds it here after the provider has forgotten the key itself (Stripe keeps keys for 24 hours). Null for refunds made
-- elsewhere and for rows from before. The same statement on both engines.
ALTER TABLE refunds ADD COLUMN request_key TEXT NULL;
