-- Version 8: suite_ticket pushes go through the events outbox (spec events §1.7) on the stream
-- suite:<suite_id>, which spans no corp and so cannot number its deliveries with a corp's sequence. The
-- suite's own counter numbers them; the UPDATE that advances it also locks the suite's row, serialising
-- the suite's ticket writers across processes as a corp's row serialises its writers.
ALTER TABLE suites ADD COLUMN notice_seq BIGINT NOT NULL DEFAULT 0;
