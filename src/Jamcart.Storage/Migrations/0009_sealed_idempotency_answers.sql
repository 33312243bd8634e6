-- Idempotency records now keep the key only as a fingerprint, and the answer's body encrypted under a key derived from
-- the Idempotency-Key (SealedAnswers in Jamcart.Storage). Records written before can no longer be found, so no request
-- would ever be answered from them again; they go now rather than after the 24-hour retention, since a checkout's answer
-- holds its order token and client secret as sent. A retry that spans the upgrade runs again, as one after the retention
-- does. The same statement on both engines.
DELETE FROM idempotency_records;
