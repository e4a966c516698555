-- school-contacts schema, version 1 (PostgreSQL).
-- Every table's key begins with the corp, so one school never sees another's rows.
-- Rules that must hold under concurrency live here as keys: the case-insensitive userid namespace
-- (users primary key on the lower-cased id), membership and link integrity (foreign keys that
-- follow renames with ON UPDATE CASCADE and refuse deletes that would leave a dangling row).

CREATE TABLE corps (
    corp_id                VARCHAR(64)  NOT NULL PRIMARY KEY,
    name                   VARCHAR(128) NOT NULL,
    system_secret_accepted SMALLINT     NOT NULL DEFAULT 0,
    next_seq               BIGINT       NOT NULL DEFAULT 1,
    created_at             BIGINT       NOT NULL
);

CREATE TABLE apps (
    corp_id           VARCHAR(64)  NOT NULL REFERENCES corps (corp_id) ON DELETE CASCADE,
    app_id            VARCHAR(32)  NOT NULL,
    agentid           BIGINT,
    name              VARCHAR(128) NOT NULL,
    kind              VARCHAR(16)  NOT NULL,
    permission        VARCHAR(16)  NOT NULL,
    mobile_authorized SMALLINT     NOT NULL DEFAULT 0,
    enabled           SMALLINT     NOT NULL DEFAULT 1,
    secret            VARCHAR(128) NOT NULL,
    PRIMARY KEY (corp_id, app_id),
    UNIQUE (corp_id, secret)
);
CREATE INDEX apps_by_secret ON apps (secret);

CREATE TABLE tokens (
    corp_id    VARCHAR(64)  NOT NULL,
    token      VARCHAR(128) NOT NULL,
    app_id     VARCHAR(32)  NOT NULL,
    issued_at  BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    revoked    SMALLINT     NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, token),
    UNIQUE (token),
    FOREIGN KEY (corp_id, app_id) REFERENCES apps (corp_id, app_id) ON DELETE CASCADE
);
CREATE INDEX tokens_by_app ON tokens (corp_id, app_id, expires_at);

CREATE TABLE departments (
    corp_id         VARCHAR(64) NOT NULL REFERENCES corps (corp_id) ON DELETE CASCADE,
    dept_id         BIGINT      NOT NULL,
    parent_id       BIGINT      NOT NULL,
    name            VARCHAR(64) NOT NULL,
    type            SMALLINT    NOT NULL,
    register_year   INTEGER,
    standard_grade  INTEGER,
    sort_order      BIGINT,
    is_graduated    SMALLINT    NOT NULL DEFAULT 0,
    open_group_chat SMALLINT    NOT NULL DEFAULT 0,
    group_chat_id   VARCHAR(128),
    student_count   INTEGER     NOT NULL DEFAULT 0,
    created_seq     BIGINT      NOT NULL,
    PRIMARY KEY (corp_id, dept_id)
);
CREATE INDEX departments_by_parent ON departments (corp_id, parent_id);

CREATE TABLE department_admins (
    corp_id   VARCHAR(64) NOT NULL,
    dept_id   BIGINT      NOT NULL,
    admin_key VARCHAR(64) NOT NULL,
    userid    VARCHAR(64) NOT NULL,
    type      SMALLINT    NOT NULL,
    subject   VARCHAR(64),
    created_seq BIGINT    NOT NULL,
    PRIMARY KEY (corp_id, dept_id, admin_key),
    FOREIGN KEY (corp_id, dept_id) REFERENCES departments (corp_id, dept_id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE users (
    corp_id         VARCHAR(64)  NOT NULL REFERENCES corps (corp_id) ON DELETE CASCADE,
    user_key        VARCHAR(64)  NOT NULL,
    userid          VARCHAR(64)  NOT NULL,
    user_type       SMALLINT     NOT NULL,
    name            VARCHAR(128),
    mobile          VARCHAR(32),
    parent_mobile   VARCHAR(32),
    renamed         SMALLINT     NOT NULL DEFAULT 0,
    is_subscribe    SMALLINT     NOT NULL DEFAULT 0,
    external_userid VARCHAR(128),
    created_seq     BIGINT       NOT NULL,
    PRIMARY KEY (corp_id, user_key),
    UNIQUE (corp_id, parent_mobile)
);
CREATE INDEX users_by_type ON users (corp_id, user_type, created_seq);

CREATE TABLE student_classes (
    corp_id     VARCHAR(64) NOT NULL,
    student_key VARCHAR(64) NOT NULL,
    dept_id     BIGINT      NOT NULL,
    position    INTEGER     NOT NULL,
    PRIMARY KEY (corp_id, student_key, dept_id),
    FOREIGN KEY (corp_id, student_key) REFERENCES users (corp_id, user_key) ON UPDATE CASCADE ON DELETE CASCADE,
    FOREIGN KEY (corp_id, dept_id) REFERENCES departments (corp_id, dept_id) ON UPDATE CASCADE ON DELETE RESTRICT
);
CREATE INDEX student_classes_by_class ON student_classes (corp_id, dept_id);

CREATE TABLE parent_children (
    corp_id     VARCHAR(64) NOT NULL,
    parent_key  VARCHAR(64) NOT NULL,
    student_key VARCHAR(64) NOT NULL,
    relation    VARCHAR(64) NOT NULL,
    position    INTEGER     NOT NULL,
    PRIMARY KEY (corp_id, parent_key, student_key),
    FOREIGN KEY (corp_id, parent_key) REFERENCES users (corp_id, user_key) ON UPDATE CASCADE ON DELETE CASCADE,
    FOREIGN KEY (corp_id, student_key) REFERENCES users (corp_id, user_key) ON UPDATE CASCADE ON DELETE RESTRICT
);
CREATE INDEX parent_children_by_student ON parent_children (corp_id, student_key);

-- Server-wide settings (the admin clock offset). The one table not keyed by corp: it describes the
-- deployment, not a school.
CREATE TABLE server_settings (
    name  VARCHAR(64)  NOT NULL PRIMARY KEY,
    value VARCHAR(256) NOT NULL
);
