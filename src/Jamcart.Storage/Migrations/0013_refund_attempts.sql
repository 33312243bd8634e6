-- A refund the shop is about to ask the provider for, written before it asks and deleted with the record of its answer.
-- A row left behind is the trace of a request that may have made a refund and died (or timed out) before recording it:
-- its retry then looks for that refund among the payment's refunds at the provider, by the key the refund carries, and
-- asks for no second one. Without the trace a retry after the provider forgot the key (Stripe: 24 hours) made a second
-- refund when the first one's event never came. The same statements on both engines.
CREATE TABLE refund_attempts (
    request_key TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id),
    amount BIGINT NOT NULL,
    started_at BIGINT NOT NULL
);

CREATE INDEX refund_attempts_by_order ON refund_attempts (order_id, started_at);
