-- Version 3: the rules of spec revision 2 that must hold under concurrency.
-- A school's parent cap (D-90313 65018): corps.verified picks 2,000 or 20,000, and parent_count is
-- the counter every parent create increments conditionally (the class cap's pattern).
ALTER TABLE corps ADD COLUMN verified SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE corps ADD COLUMN parent_count INTEGER NOT NULL DEFAULT 0;
UPDATE corps SET parent_count = (SELECT COUNT(*) FROM users u WHERE u.corp_id = corps.corp_id AND u.user_type = 2);

-- Students' mobiles are unique among the school's students (D-90313 60149). users.mobile holds only
-- students' mobiles (parents' are in parent_mobile). Older data may repeat one: the earliest student
-- keeps it, later ones lose it (a student's mobile is write-only, so nothing reads it back).
UPDATE users SET mobile = NULL
WHERE mobile IS NOT NULL AND EXISTS (
    SELECT 1 FROM users o
    WHERE o.corp_id = users.corp_id AND o.mobile = users.mobile AND o.created_seq < users.created_seq);
CREATE UNIQUE INDEX users_student_mobile ON users (corp_id, mobile);
