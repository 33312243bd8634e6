-- A refund's status as the provider last reported it, so that one which failed after it was made (the buyer's bank
-- turned it down) is listed as failed, with the provider's reason, instead of as money given back. Rows from before
-- were all counted as made, which is what 'succeeded' says. The same statements on both engines.
ALTER TABLE refunds ADD COLUMN status TEXT NOT NULL DEFAULT 'succeeded';
ALTER TABLE refunds ADD COLUMN failure_reason TEXT NULL;
