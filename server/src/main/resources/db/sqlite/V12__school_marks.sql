-- Version 12: a school's change marks (V11) move from its corps row to a narrow table of their own
-- (issue 15). Every batch advanced a mark on the corps row, the row every write of the school locks and
-- every foreign key of the school points at; at 32 connections of the mixed school day that one hot,
-- wide row cost PostgreSQL a fifth of its requests per second and doubled the slowest answers. Here a
-- school's row is written by the first write that advances a mark and only ever grows; it has no foreign
-- key, so it outlives its school, and a school deleted and created again goes on from its old marks.
-- A school without a row has had no mark advanced yet.
ALTER TABLE corps DROP COLUMN change_mark;
ALTER TABLE corps DROP COLUMN directory_mark;
CREATE TABLE school_marks (
    corp_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    change_mark    BIGINT      NOT NULL,
    directory_mark BIGINT      NOT NULL
);
