-- Version 3: the rules of spec revision 2 that must hold under concurrency.
-- A school's parent cap (D-90313 65018): corps.verified picks 2,000 or 20,000, and parent_count is
-- the counter every parent create increments conditionally (the class cap's pattern).
ALTER TABLE corps ADD COLUMN verified SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE corps ADD COLUMN parent_count INTEGER NOT NULL DEFAULT 0;
UPDATE corps SET parent_count = (SELECT COUNT(*) FROM users u WHERE u.corp_id = corps.corp_id AND u.user_type = 2);

-- Students' mobiles are unique among the school's students (D-90313 60149). users.mobile holds only
-- students' mobiles (parents' are in parent_mobile). Older data may repeat one: the earliest student
-- keeps it, later ones lose it (a student's mobile is write-only, so nothing reads it back).
-- MariaDB cannot read the table it updates in a subquery, hence the derived table.
UPDATE users u
JOIN (SELECT corp_id, mobile, MIN(created_seq) AS first_seq FROM users
      WHERE mobile IS NOT NULL GROUP BY corp_id, mobile HAVING COUNT(*) > 1) d
  ON d.corp_id = u.corp_id AND d.mobile = u.mobile
SET u.mobile = NULL
WHERE u.created_seq > d.first_seq;
CREATE UNIQUE INDEX users_student_mobile ON users (corp_id, mobile);
