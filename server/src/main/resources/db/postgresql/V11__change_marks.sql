-- Version 11: change marks (issue 15). Every committed write changes a mark in its own transaction,
-- so a server process can tell, with one small read shared by many requests, that nothing it keeps in
-- memory has changed since it read it. A write of a school's directory only (departments, students,
-- parents) advances corps.directory_mark; any other school write corps.change_mark; a server-wide write
-- (seeding, reset, settings, providers) the one server mark, which also covers schools being deleted
-- and created again. Marks only ever grow; reset leaves store_marks alone. The embedded store keeps
-- the columns too (one schema everywhere) but tells changes by SQLite's own data_version, so it never
-- advances them.
ALTER TABLE corps ADD COLUMN change_mark BIGINT NOT NULL DEFAULT 0;
ALTER TABLE corps ADD COLUMN directory_mark BIGINT NOT NULL DEFAULT 0;
CREATE TABLE store_marks (
    name VARCHAR(32) NOT NULL PRIMARY KEY,
    mark BIGINT      NOT NULL
);
INSERT INTO store_marks (name, mark) VALUES ('server', 0);
