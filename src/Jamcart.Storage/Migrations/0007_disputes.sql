-- Cardholders' disputes of orders' payments (chargebacks), as the provider last reported them: one row per dispute,
-- written by its charge.dispute.* events, so that the shop sees each one with its reason, amount and outcome. The
-- same statements on both engines.
CREATE TABLE disputes (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id),
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    due_by BIGINT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX disputes_by_order ON disputes (order_id, created_at);
