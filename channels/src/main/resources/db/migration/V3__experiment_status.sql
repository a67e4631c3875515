-- The status trainers give an experiment (running, paused, ended); an experiment without a row is
-- running. Kept in the database so a restart keeps a pause.
CREATE TABLE experiment_status (
    experiment_id VARCHAR(64) PRIMARY KEY,
    status        VARCHAR(16) NOT NULL,
    changed_by    VARCHAR(64) NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
