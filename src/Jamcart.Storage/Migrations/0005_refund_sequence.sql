-- The order in which an order's refunds were recorded. The provider's `created` has whole seconds only, so refunds
-- made within one second were listed by their random ids; each is now numbered within its order as it is recorded
-- (under the order's lock), and that number breaks the tie. Rows from before have none and keep their id order.
-- The same statement on both engines.
ALTER TABLE refunds ADD COLUMN seq INTEGER NULL;
