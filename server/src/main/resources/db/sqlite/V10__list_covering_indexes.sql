-- Version 10: the indexes a class list walks carry what it reads (issue 15), so each step of
-- school/user/list is one index probe, not an index probe and then a seek in the table. SQLite's
-- secondary indexes hold the rowid, not the key: the class index gave a student's rowid, the table
-- its key; the links-by-student index gave a link's rowid, the table its parent and relation.
-- EXPLAIN QUERY PLAN now says USING COVERING INDEX for both (docs/storage.md).
DROP INDEX student_classes_by_class;
CREATE INDEX student_classes_by_class ON student_classes (corp_id, dept_id, student_key);
DROP INDEX parent_children_by_student;
CREATE INDEX parent_children_by_student ON parent_children (corp_id, student_key, parent_key, relation);
