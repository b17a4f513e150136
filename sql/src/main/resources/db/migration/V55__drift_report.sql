-- The verify job's drift report: one row per difference between the database and the remote, kept per
-- verify execution. The job only writes here; it never changes posts, comments or the remote.
CREATE TABLE drift_report (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    verify_execution_id BIGINT        NOT NULL,    -- BATCH_JOB_EXECUTION.JOB_EXECUTION_ID of the verify run
    entity              VARCHAR(16)   NOT NULL,    -- POST | COMMENT
    local_id            BIGINT        NULL,        -- NULL: no local row (MISSING_LOCAL)
    remote_id           BIGINT        NULL,        -- NULL: the local row was never exported
    kind                VARCHAR(16)   NOT NULL,    -- MISSING_REMOTE | MISSING_LOCAL | DIFFERS | PENDING
    fields              VARCHAR(255)  NULL,        -- the fields that differ, comma separated
    local_state         JSON          NULL,        -- the local row in the remote's shape (postId: the post's remote id)
    remote_state        JSON          NULL,        -- the remote record as read
    found_at            TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    repaired_at         TIMESTAMP(6)  NULL,        -- set by a repair (not by a dry run)
    repair              VARCHAR(255)  NULL,        -- what the repair did
    PRIMARY KEY (id),
    KEY ix_drift_report_execution (verify_execution_id, entity, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Scratch: the remote ids a verify execution has read, so that "missing on the remote" is one query after
-- the run instead of a set of every id in memory. Written with each chunk (a restart keeps what committed),
-- emptied when the execution has used it.
CREATE TABLE verify_seen (
    verify_execution_id BIGINT        NOT NULL,
    entity              VARCHAR(16)   NOT NULL,
    remote_id           BIGINT        NOT NULL,
    PRIMARY KEY (verify_execution_id, entity, remote_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Repairs an operator made from a drift report, for the record's history: a remote-truth repair writes
-- with capture off and so leaves no change_log entry of its own.
CREATE TABLE sync_repair (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    drift_id            BIGINT        NOT NULL,    -- drift_report.id
    entity              VARCHAR(16)   NOT NULL,
    entity_id           BIGINT        NULL,        -- the local id (NULL when none is left or was made)
    remote_id           BIGINT        NULL,
    source_of_truth     VARCHAR(8)    NOT NULL,    -- LOCAL | REMOTE
    action              VARCHAR(64)   NOT NULL,    -- e.g. "PUT /posts/7" (queued for export), "UPDATE posts 7"
    payload             JSON          NULL,
    repaired_at         TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    KEY ix_sync_repair_record (entity, entity_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
