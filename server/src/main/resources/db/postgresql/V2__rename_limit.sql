-- Version 2: a per-school limit on userid changes (spec 12 Q5: default 1, 0 = unlimited). From now on
-- users.renamed counts the changes a student or parent has had.
ALTER TABLE corps ADD COLUMN rename_limit INTEGER NOT NULL DEFAULT 1;
