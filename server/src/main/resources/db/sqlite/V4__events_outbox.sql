-- Version 4 (SQLite): change events (家校通讯录变更回调, spec events §1). The outbox is written in the same
-- transaction as the change it reports; the delivery threads send it after commit.

-- An app's callback (URL, Token, EncodingAESKey, WeCom's 「外部联系人变更回调」 switch).
CREATE TABLE app_callbacks (
    corp_id               VARCHAR(64)   NOT NULL,
    app_id                VARCHAR(32)   NOT NULL,
    url                   VARCHAR(2048) NOT NULL,
    token                 VARCHAR(64)   NOT NULL,
    aes_key               VARCHAR(64)   NOT NULL,
    school_contact_events SMALLINT      NOT NULL DEFAULT 1,
    verified              SMALLINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, app_id),
    FOREIGN KEY (corp_id, app_id) REFERENCES apps (corp_id, app_id) ON DELETE CASCADE
);

-- A receiver's queue (app:<corpid>:<agentid>, suite:<suite_id>:<corpid>, suite:<suite_id>): its pause
-- flag and the lease that lets one process at a time deliver it. Keyed by the stream key, which names
-- the corp where there is one (a suite's ticket stream spans no corp).
CREATE TABLE event_streams (
    stream_key  VARCHAR(200) NOT NULL PRIMARY KEY,
    corp_id     VARCHAR(64),
    paused      SMALLINT     NOT NULL DEFAULT 0,
    owner       VARCHAR(64),
    lease_until BIGINT       NOT NULL DEFAULT 0
);

-- One push to one receiver, sent strictly in stream_seq order within its stream. The plaintext is fixed
-- at commit; query and body are fixed at the first attempt so retries resend them unchanged.
CREATE TABLE event_deliveries (
    delivery_id     VARCHAR(32)   NOT NULL PRIMARY KEY,
    stream_key      VARCHAR(200)  NOT NULL,
    stream_seq      BIGINT        NOT NULL,
    corp_id         VARCHAR(64),
    kind            VARCHAR(16)   NOT NULL,
    receiver        VARCHAR(64)   NOT NULL,
    change_type     VARCHAR(64)   NOT NULL,
    target_id       VARCHAR(64),
    new_id          VARCHAR(64),
    event_ids       VARCHAR(512)  NOT NULL,
    origin_method   VARCHAR(8),
    origin_path     VARCHAR(256),
    origin_agentid  BIGINT,
    committed_at    BIGINT        NOT NULL,
    plaintext       TEXT          NOT NULL,
    query           TEXT,
    body            TEXT,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at BIGINT        NOT NULL DEFAULT 0,
    finished_at     BIGINT,
    UNIQUE (stream_key, stream_seq)
);
CREATE INDEX event_deliveries_open ON event_deliveries (status, stream_key, stream_seq);

-- Every finished attempt of a delivery: when, how long, and the receiver's answer or the failure.
CREATE TABLE event_attempts (
    delivery_id VARCHAR(32)  NOT NULL,
    corp_id     VARCHAR(64),
    n           INTEGER      NOT NULL,
    at          BIGINT       NOT NULL,
    ms          BIGINT       NOT NULL,
    http_status INTEGER,
    body        TEXT,
    error       VARCHAR(512),
    PRIMARY KEY (delivery_id, n),
    FOREIGN KEY (delivery_id) REFERENCES event_deliveries (delivery_id) ON DELETE CASCADE
);
