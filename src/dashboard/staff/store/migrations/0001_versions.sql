-- Versions of the data files, the pointer to the published one, and the audit log.
-- File contents are kept once per distinct content (keyed by SHA-256): a version that
-- changes one table adds one row to blobs, and a rollback adds none.

CREATE TABLE blobs (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data   bytea NOT NULL
);

CREATE TABLE versions (
    number    integer PRIMARY KEY CHECK (number >= 1),
    who       text NOT NULL,
    published timestamptz NOT NULL DEFAULT now(),
    reason    text NOT NULL,
    base      integer REFERENCES versions (number),
    action    text NOT NULL CHECK (action IN ('seed', 'publish', 'rollback')),
    restored  integer REFERENCES versions (number)
);

CREATE TABLE version_files (
    version integer NOT NULL REFERENCES versions (number),
    path    text NOT NULL,
    sha256  text NOT NULL REFERENCES blobs (sha256),
    PRIMARY KEY (version, path)
);

-- Exactly one row: the published version (NULL until the first one). A publication
-- locks this row, compares it with its base version and moves it, in one transaction.
CREATE TABLE head (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    version integer REFERENCES versions (number)
);
INSERT INTO head (id, version) VALUES (true, NULL);

CREATE TABLE audit (
    id     bigserial PRIMARY KEY,
    at     timestamptz NOT NULL DEFAULT now(),
    event  text NOT NULL,
    fields jsonb NOT NULL DEFAULT '{}'
);
