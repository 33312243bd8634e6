-- Whether a full refund put the order's units back on hand. A refund can fail after it was made (the buyer's bank
-- turns it down), which takes the order back to paid while the units stay on hand; the next full refund must not put
-- them back a second time. Orders refunded whole after they were paid had their units put back; an order that is paid
-- again after such a failure cannot be told apart from here, and its next full refund puts its units back once more,
-- as every full refund did before. The same statements on both engines.
ALTER TABLE orders ADD COLUMN units_returned SMALLINT NOT NULL DEFAULT 0;
UPDATE orders SET units_returned = 1 WHERE status = 'refunded' AND paid_at IS NOT NULL;
