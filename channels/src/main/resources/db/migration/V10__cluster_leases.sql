-- Leases of the nodes that share this database (issue 18): the one holding "timers" runs the
-- queue's overdue check and the retention. Used with PostgreSQL; on H2 a node is alone and
-- the table stays empty.
CREATE TABLE cluster_leases (
    name        VARCHAR(64) PRIMARY KEY,
    holder      VARCHAR(128) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
