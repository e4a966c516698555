-- Version 10: the indexes a class list walks carry what it reads (issue 15): the class index gives the
-- student's key and the links-by-student index the parent and relation, so both steps can be
-- index-only scans (wherever the table's visibility map is kept, as autovacuum does) instead of an
-- index probe and a heap fetch per row.
DROP INDEX student_classes_by_class;
CREATE INDEX student_classes_by_class ON student_classes (corp_id, dept_id, student_key);
DROP INDEX parent_children_by_student;
CREATE INDEX parent_children_by_student ON parent_children (corp_id, student_key, parent_key, relation);
