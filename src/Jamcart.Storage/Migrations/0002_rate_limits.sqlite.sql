-- Requests per client and fixed window, counted here when the functions' rate limits are shared by every instance
-- (Jamcart:RateLimit:Shared). The same table as 0002_rate_limits.postgres.sql, which declares it UNLOGGED.
CREATE TABLE rate_limit_windows (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
