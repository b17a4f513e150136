-- What the export must remember about a record between runs, beside its change-log entries.
-- change_log_outcome.outcome and change_log_archive.outcome gain a fourth value, FAILED: the entries of a record
-- parked after repeated runs without an answer (see sync_failure for why).

-- A record whose calls went unanswered (retries spent) in a run while the remote answered other calls: the
-- record's entries stay pending and the run goes on. After sync.export.park-after-runs such runs the record
-- is parked in sync_failure and this row goes; it also goes as soon as any outcome is recorded for it.
CREATE TABLE export_unanswered (
    entity            VARCHAR(16)   NOT NULL,
    entity_id         BIGINT        NOT NULL,
    runs              INT           NOT NULL,
    last_execution_id BIGINT        NOT NULL,
    last_reason       VARCHAR(2000) NOT NULL,
    PRIMARY KEY (entity, entity_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A POST about to be sent, committed before the request leaves and removed with the record's outcome. A row
-- left by another execution (killed, failed, or a POST whose answer never came) means the remote may hold the
-- record without our knowing its id: the export looks it up by its fields before it posts again.
CREATE TABLE export_create_sent (
    entity              VARCHAR(16) NOT NULL,
    entity_id           BIGINT      NOT NULL,
    export_execution_id BIGINT      NOT NULL,
    PRIMARY KEY (entity, entity_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
