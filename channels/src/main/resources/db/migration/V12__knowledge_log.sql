-- The trainers' knowledge, shared by every node on this database (issue 18): each revision and
-- each publication as the JSON of dev.kefu.kb.curation.CurationRecords, numbered without gaps
-- from 1. A number is taken once: two nodes appending at once, one insert fails and its trainer is
-- asked to apply the change again. A publication's number is the knowledge release's identity.
CREATE TABLE knowledge_revisions (
    number   BIGINT PRIMARY KEY,
    entry_id VARCHAR NOT NULL,
    at       TIMESTAMP WITH TIME ZONE NOT NULL,
    record   VARCHAR NOT NULL
);

CREATE TABLE knowledge_publications (
    number         BIGINT PRIMARY KEY,
    up_to_revision BIGINT NOT NULL,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    record         VARCHAR NOT NULL
);
