-- Requests per client and fixed window, counted here when the functions' rate limits are shared by every instance
-- (Jamcart:RateLimit:Shared). UNLOGGED: a counter needs no WAL, so an increment never waits for a disk flush; after
-- a server crash the table comes back empty, which only forgives the clients of the current window.
-- SQLite has no UNLOGGED tables: see 0002_rate_limits.sqlite.sql, the same table otherwise.
CREATE UNLOGGED TABLE rate_limit_windows (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
