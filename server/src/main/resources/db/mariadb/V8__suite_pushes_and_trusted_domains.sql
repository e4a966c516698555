-- Version 8: suite_ticket pushes go through the events outbox (spec events §1.7) on the stream
-- suite:<suite_id>, which spans no corp and so cannot number its deliveries with a corp's sequence. The
-- suite's own counter numbers them; the UPDATE that advances it also locks the suite's row, serialising
-- the suite's ticket writers across processes as a corp's row serialises its writers.
ALTER TABLE suites ADD COLUMN notice_seq BIGINT NOT NULL DEFAULT 0;

-- An app's trusted redirect domains (可信域名, spec 3.9 and 5.1): hosts separated by spaces. NULL or
-- empty: no check, as the seed's default empty list says.
ALTER TABLE apps ADD COLUMN trusted_domains VARCHAR(2048);
