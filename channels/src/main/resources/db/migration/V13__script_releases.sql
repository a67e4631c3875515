-- The trainers' edited script library, shared by every node on this database (issue 18): each
-- save a new version (its YAML as written); the highest version is in use on every node.
CREATE TABLE script_releases (
    version  BIGINT PRIMARY KEY,
    source   VARCHAR NOT NULL,
    saved_at TIMESTAMP WITH TIME ZONE NOT NULL
);
