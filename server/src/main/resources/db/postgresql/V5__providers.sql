-- Version 5 (PostgreSQL): provider apps (spec wecom-events-and-apps 2, 3). Providers and their suites (third-party
-- suites and agency templates) describe the deployment, not a school, so like server_settings their
-- keys do not start with a corp; everything a school holds (authorisations, auth codes, OAuth codes,
-- school settings, allow scopes) is keyed by the corp first.

CREATE TABLE providers (
    provider_corp_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    name             VARCHAR(128) NOT NULL,
    provider_secret  VARCHAR(128) NOT NULL
);

CREATE TABLE suites (
    suite_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    provider_corp_id  VARCHAR(64)   NOT NULL REFERENCES providers (provider_corp_id) ON DELETE CASCADE,
    kind              VARCHAR(16)   NOT NULL,
    name              VARCHAR(128)  NOT NULL,
    suite_secret      VARCHAR(128)  NOT NULL,
    token             VARCHAR(32)   NOT NULL,
    encoding_aes_key  VARCHAR(43)   NOT NULL,
    callback_url      VARCHAR(2048),
    school_permission VARCHAR(16)   NOT NULL,
    batch_events      SMALLINT      NOT NULL DEFAULT 0,
    parent_app        SMALLINT      NOT NULL DEFAULT 1,
    mobile_authorized SMALLINT      NOT NULL DEFAULT 0,
    app_callback_url  VARCHAR(2048),
    app_callback_token VARCHAR(32),
    app_callback_aes_key VARCHAR(43),
    ticket_slot       BIGINT        NOT NULL DEFAULT -1
);

-- Tickets pushed to a suite; get_suite_token accepts the newest three while under 30 minutes old.
CREATE TABLE suite_tickets (
    suite_id  VARCHAR(64) NOT NULL REFERENCES suites (suite_id) ON DELETE CASCADE,
    ticket    VARCHAR(64) NOT NULL,
    issued_at BIGINT      NOT NULL,
    PRIMARY KEY (suite_id, ticket)
);
CREATE INDEX suite_tickets_by_time ON suite_tickets (suite_id, issued_at);

-- suite_access_token and provider_access_token: owner is the suite id or the provider corpid.
CREATE TABLE service_tokens (
    token      VARCHAR(128) NOT NULL PRIMARY KEY,
    kind       VARCHAR(16)  NOT NULL,
    owner_id   VARCHAR(64)  NOT NULL,
    issued_at  BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX service_tokens_by_owner ON service_tokens (kind, owner_id, expires_at);

CREATE TABLE pre_auth_codes (
    code       VARCHAR(64) NOT NULL PRIMARY KEY,
    suite_id   VARCHAR(64) NOT NULL REFERENCES suites (suite_id) ON DELETE CASCADE,
    issued_at  BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    auth_type  SMALLINT    NOT NULL DEFAULT 0,
    used       SMALLINT    NOT NULL DEFAULT 0
);

-- One row per suite installed in a school; the corp-side app is apps (corp_id, app_id).
CREATE TABLE authorisations (
    corp_id        VARCHAR(64)  NOT NULL REFERENCES corps (corp_id) ON DELETE CASCADE,
    suite_id       VARCHAR(64)  NOT NULL REFERENCES suites (suite_id) ON DELETE CASCADE,
    app_id         VARCHAR(32)  NOT NULL,
    agentid        BIGINT       NOT NULL,
    permanent_code VARCHAR(64)  NOT NULL,
    permission     VARCHAR(16)  NOT NULL,
    state          VARCHAR(128),
    auth_type      SMALLINT     NOT NULL DEFAULT 0,
    admin_userid   VARCHAR(64)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    installed_at   BIGINT       NOT NULL,
    PRIMARY KEY (corp_id, suite_id),
    UNIQUE (permanent_code)
);
CREATE INDEX authorisations_by_suite ON authorisations (suite_id, corp_id);

-- Auth codes of installs: single use, 10 minutes, bound to their suite.
CREATE TABLE auth_codes (
    corp_id    VARCHAR(64) NOT NULL REFERENCES corps (corp_id) ON DELETE CASCADE,
    code       VARCHAR(64) NOT NULL,
    suite_id   VARCHAR(64) NOT NULL,
    issued_at  BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    used       SMALLINT    NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, code),
    UNIQUE (code)
);

-- School OAuth codes (spec 3.9): single use, 5 minutes; audience a corp (and agentid) or a suite.
CREATE TABLE oauth_codes (
    code         VARCHAR(64)   NOT NULL PRIMARY KEY,
    corp_id      VARCHAR(64),
    agentid      BIGINT,
    suite_id     VARCHAR(64),
    userid       VARCHAR(64),
    user_type    SMALLINT,
    user_corp_id VARCHAR(64),
    outsider_key VARCHAR(64),
    redirect_host VARCHAR(255),
    issued_at    BIGINT        NOT NULL,
    expires_at   BIGINT        NOT NULL,
    used         SMALLINT      NOT NULL DEFAULT 0
);

-- School-wide flags of spec 3 (no row: subscribe mode 1, no arch sync restriction, no upgrade date).
-- Whether a corp is verified is corps.verified (schema version 3).
CREATE TABLE corp_settings (
    corp_id        VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES corps (corp_id) ON DELETE CASCADE,
    subscribe_mode SMALLINT    NOT NULL DEFAULT 1,
    arch_sync_mode SMALLINT    NOT NULL DEFAULT 0,
    upgrade_time   BIGINT,
    upgrade_switch SMALLINT    NOT NULL DEFAULT 0
);

-- Apps installed by a suite name it; NULL for self-built, system and seeded third-party apps.
ALTER TABLE apps ADD COLUMN suite_id VARCHAR(64);
