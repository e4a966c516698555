-- Version 9: a pause by receiver prefix (POST /__admin/events/pause {"receiver":"app:wwschool00000001:"},
-- spec events §5.2) is kept as that prefix, so a stream created later whose key starts with it (an app
-- callback configured afterwards, a suite installed afterwards) starts paused too, instead of only the
-- streams that existed when the pause was made. Server-wide like server_settings: a prefix may span
-- corps ("app:", "suite:wwsuite000000001:"). Resuming a prefix forgets every stored prefix it covers.
CREATE TABLE event_pause_prefixes (
    prefix VARCHAR(200) NOT NULL PRIMARY KEY
);
