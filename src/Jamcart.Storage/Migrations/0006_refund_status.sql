-- A refund's status as the provider last reported it, so that one which failed after it was made (the buyer's bank
-- turned it down) is listed as failed, with the provider's reason, instead of as money given back. Rows from before
-- were all counted as made, which is what 'succeeded' says. The same statements on both engines.
ALTER TABLE refunds ADD COLUMN status TEXT NOT NULL DEFAULT 'succeeded';
ALTER TABLE refunds ADD COLUMN failure_reason TEXT NULL;

-- Whether the request that made the refund recorded it and was answered with it (an admin refund, an automatic one),
-- as every row before was; 0 for a refund learned from the provider's refund.created event (made in the dashboard, or
-- lost in a crash before its request recorded it). The shop's refund keys count only answered refunds, so that a
-- refund lost in a crash and learned this way is still found again by its retry.
ALTER TABLE refunds ADD COLUMN answered SMALLINT NOT NULL DEFAULT 1;
