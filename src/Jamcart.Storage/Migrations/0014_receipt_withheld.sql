-- Whether the order's receipt was held back: the order was refunded whole before the receipt went out, and the
-- receipt sender marked its entry done without sending it. A refund that fails later (the buyer's bank turns it down)
-- makes the order paid again, and the transaction that says so queues the receipt again. Orders whose receipt was held
-- back before this column cannot be told from those whose receipt went out before their refund, and stay without one.
-- The same statements on both engines.
ALTER TABLE orders ADD COLUMN receipt_withheld SMALLINT NOT NULL DEFAULT 0;
