-- The synced records, the change log the triggers write, and the export's bookkeeping.
-- Kept to SQL that MySQL 8.4 and MariaDB 10.6+ both accept.

CREATE TABLE posts (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    user_id    BIGINT        NOT NULL,
    title      VARCHAR(255)  NOT NULL,
    body       VARCHAR(10000) NOT NULL,
    -- the record's id on the remote API; NULL until it has been exported (imported rows: the upstream id)
    remote_id  BIGINT        NULL,
    created_at TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY uk_posts_remote_id (remote_id),
    KEY ix_posts_user_id (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE comments (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    post_id    BIGINT        NOT NULL,
    name       VARCHAR(255)  NOT NULL,
    email      VARCHAR(255)  NOT NULL,
    body       VARCHAR(10000) NOT NULL,
    remote_id  BIGINT        NULL,
    created_at TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY uk_comments_remote_id (remote_id),
    KEY ix_comments_post_id (post_id, id),
    CONSTRAINT fk_comments_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per changed row of posts/comments, written only by the triggers of V2.
CREATE TABLE change_log (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    entity     VARCHAR(16)  NOT NULL,            -- POST | COMMENT
    entity_id  BIGINT       NOT NULL,
    op         VARCHAR(8)   NOT NULL,            -- CREATE | UPDATE | DELETE
    payload    JSON         NOT NULL,            -- the new state; the old one for DELETE
    changed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    KEY ix_change_log_record (entity, entity_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Entries an export has processed, with what became of them.
CREATE TABLE change_log_archive (
    id                  BIGINT       NOT NULL,    -- the change_log id
    entity              VARCHAR(16)  NOT NULL,
    entity_id           BIGINT       NOT NULL,
    op                  VARCHAR(8)   NOT NULL,
    payload             JSON         NOT NULL,
    changed_at          TIMESTAMP(6) NOT NULL,
    export_execution_id BIGINT       NOT NULL,    -- BATCH_JOB_EXECUTION.JOB_EXECUTION_ID
    outcome             VARCHAR(16)  NOT NULL,    -- SENT | SKIPPED | NOTHING_TO_SEND
    archived_at         TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    KEY ix_change_log_archive_execution (export_execution_id),
    KEY ix_change_log_archive_record (entity, entity_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A net change the remote refused; an operator can put it back into the change log.
CREATE TABLE sync_failure (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    entity              VARCHAR(16)   NOT NULL,
    entity_id           BIGINT        NOT NULL,
    op                  VARCHAR(8)    NOT NULL,   -- the net change: CREATE | UPDATE | DELETE
    payload             JSON          NOT NULL,
    http_method         VARCHAR(8)    NULL,
    url                 VARCHAR(2000) NULL,
    http_status         INT           NULL,       -- NULL when no response came (I/O error)
    response_snippet    VARCHAR(2000) NULL,
    reason              VARCHAR(2000) NOT NULL,
    attempts            INT           NOT NULL,
    export_execution_id BIGINT        NULL,
    failed_at           TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    requeued_at         TIMESTAMP(6)  NULL,
    PRIMARY KEY (id),
    KEY ix_sync_failure_record (entity, entity_id),
    KEY ix_sync_failure_failed_at (failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Records the import refused (invalid fields, a comment whose post does not exist), for operators.
CREATE TABLE import_skip (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    import_execution_id BIGINT        NULL,
    entity              VARCHAR(16)   NOT NULL,
    item_index          BIGINT        NULL,       -- position in the remote's array, 0-based
    remote_id           BIGINT        NULL,
    reason              VARCHAR(2000) NOT NULL,
    raw_item            VARCHAR(4000) NULL,
    skipped_at          TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    KEY ix_import_skip_execution (import_execution_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
