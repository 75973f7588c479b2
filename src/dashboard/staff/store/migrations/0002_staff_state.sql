-- The staff state shared by every app server: drafts (written through on every save, so
-- a draft outlives the server it was edited on) and the sign-in throttle.

-- One draft per staff member (owner: the signed-in name or address, folded). id names
-- the draft's folder in each server's cache; used is its last use (saves and opens).
CREATE TABLE drafts (
    owner text PRIMARY KEY,
    id    text NOT NULL CHECK (id ~ '^[0-9a-f]{32}$'),
    base  integer NOT NULL REFERENCES versions (number),
    used  timestamptz NOT NULL
);
CREATE INDEX drafts_used ON drafts (used);

-- The files a draft changed against its base version: the new bytes with their SHA-256,
-- or both NULL for a file of the base version that the draft removed.
CREATE TABLE draft_files (
    owner  text NOT NULL REFERENCES drafts (owner) ON DELETE CASCADE,
    path   text NOT NULL,
    sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data   bytea,
    PRIMARY KEY (owner, path),
    CHECK ((sha256 IS NULL) = (data IS NULL))
);

-- A note for a staff member whose draft the sweep removed unused; the staff page shows
-- it once, on their next visit.
CREATE TABLE drafts_expired (
    owner   text PRIMARY KEY,
    base    integer NOT NULL,
    used    timestamptz NOT NULL,
    removed timestamptz NOT NULL
);

-- Failed sign-ins per client (an address, an IPv6 /64), times in seconds since 1970.
CREATE TABLE sign_in_clients (
    client   text PRIMARY KEY,
    failures integer NOT NULL CHECK (failures >= 0),
    last     double precision NOT NULL,
    until    double precision NOT NULL
);
CREATE INDEX sign_in_clients_last ON sign_in_clients (last);

-- Exactly one row: the times of the recent failures of all clients (the ceiling per
-- minute). Every sign-in step locks this row, so the throttle takes one step at a time
-- across all servers.
CREATE TABLE sign_in_recent (
    id    boolean PRIMARY KEY DEFAULT true CHECK (id),
    times double precision[] NOT NULL DEFAULT '{}'
);
INSERT INTO sign_in_recent (id) VALUES (true);
