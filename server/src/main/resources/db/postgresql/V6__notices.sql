-- Version 6: school notices (学校通知, externalcontact/message/send) and the app settings they need.
-- Keys begin with the corp; notice ids are also unique server-wide because /__admin/notices/{id}
-- names a notice without its corp.

-- Per app: whether it is in 「家长可使用的应用」 (null: the default of its kind) and how get_allow_scope
-- renders its scope.
CREATE TABLE app_notice_settings (
    corp_id            VARCHAR(64) NOT NULL,
    app_id             VARCHAR(32) NOT NULL,
    parent_app         SMALLINT,
    allow_scope_format VARCHAR(16) NOT NULL DEFAULT 'doc',
    PRIMARY KEY (corp_id, app_id),
    FOREIGN KEY (corp_id, app_id) REFERENCES apps (corp_id, app_id) ON DELETE CASCADE
);

-- An app's allow scope (可见范围): departments (with everything under them) and single students. No
-- rows at all means the default, the whole school. Both follow renames of what they name.
CREATE TABLE app_scope_departments (
    corp_id  VARCHAR(64) NOT NULL,
    app_id   VARCHAR(32) NOT NULL,
    dept_id  BIGINT      NOT NULL,
    position INTEGER     NOT NULL,
    PRIMARY KEY (corp_id, app_id, dept_id),
    FOREIGN KEY (corp_id, app_id) REFERENCES apps (corp_id, app_id) ON DELETE CASCADE,
    FOREIGN KEY (corp_id, dept_id) REFERENCES departments (corp_id, dept_id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE app_scope_students (
    corp_id     VARCHAR(64) NOT NULL,
    app_id      VARCHAR(32) NOT NULL,
    student_key VARCHAR(64) NOT NULL,
    position    INTEGER     NOT NULL,
    PRIMARY KEY (corp_id, app_id, student_key),
    FOREIGN KEY (corp_id, app_id) REFERENCES apps (corp_id, app_id) ON DELETE CASCADE,
    FOREIGN KEY (corp_id, student_key) REFERENCES users (corp_id, user_key) ON UPDATE CASCADE ON DELETE CASCADE
);

-- One row per accepted notice. message, targets and invalid are JSON text; request_hash is the
-- SHA-256 of the request's canonical JSON, for the duplicate check.
CREATE TABLE notices (
    corp_id         VARCHAR(64) NOT NULL,
    notice_id       BIGINT      NOT NULL,
    app_id          VARCHAR(32) NOT NULL,
    agentid         BIGINT      NOT NULL,
    sent_at         BIGINT      NOT NULL,
    msgtype         VARCHAR(16) NOT NULL,
    message         TEXT        NOT NULL,
    recv_scope      SMALLINT    NOT NULL,
    targets         TEXT        NOT NULL,
    invalid         TEXT        NOT NULL,
    enable_id_trans SMALLINT    NOT NULL DEFAULT 0,
    duplicate_of    BIGINT,
    request_hash    VARCHAR(64) NOT NULL,
    recipient_count INTEGER     NOT NULL,
    PRIMARY KEY (corp_id, notice_id),
    UNIQUE (notice_id)
);
CREATE INDEX notices_by_request ON notices (corp_id, app_id, request_hash, sent_at);

-- The expanded recipients, snapshotted at send time. user_seq is the user's creation number, which
-- a rename keeps: a renamed student's or parent's inbox still finds the notice.
CREATE TABLE notice_recipients (
    corp_id      VARCHAR(64) NOT NULL,
    notice_id    BIGINT      NOT NULL,
    position     INTEGER     NOT NULL,
    user_type    SMALLINT    NOT NULL,
    user_seq     BIGINT      NOT NULL,
    userid       VARCHAR(64) NOT NULL,
    via          VARCHAR(96) NOT NULL,
    is_subscribe SMALLINT    NOT NULL,
    delivered    SMALLINT    NOT NULL,
    PRIMARY KEY (corp_id, notice_id, position),
    FOREIGN KEY (corp_id, notice_id) REFERENCES notices (corp_id, notice_id) ON DELETE CASCADE
);
CREATE INDEX notice_recipients_by_user ON notice_recipients (corp_id, user_seq, notice_id);

-- The server-wide notice counter (one row). Taken with an UPDATE inside the sending transaction, so
-- two processes never hand out the same id.
CREATE TABLE notice_sequence (
    id      SMALLINT NOT NULL PRIMARY KEY,
    next_id BIGINT   NOT NULL
);
INSERT INTO notice_sequence (id, next_id) VALUES (1, 1);
