-- Version 10: the links-by-student index carries the relation (issue 15), so a class list reads a
-- student's parent links from the index alone. InnoDB's secondary indexes already hold the primary
-- key (so the parent's key, and the class index the student's key); the relation needed a second
-- lookup in the clustered index per link. Dropped and added in one statement: the index serves the
-- student foreign key, which must never be left without one.
ALTER TABLE parent_children DROP INDEX parent_children_by_student,
    ADD INDEX parent_children_by_student (corp_id, student_key, parent_key, relation);
