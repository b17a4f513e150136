-- What the export decided for each change_log entry it processed, committed as soon as the remote
-- answered (or the entry needed no call). The archive step moves exactly these entries, and no others,
-- into change_log_archive: AUTO_INCREMENT ids can commit out of order, so an entry with an id below the
-- window may become visible after the export read the window; having no row here, it stays in change_log
-- for the next run. A restarted or later export reads only entries without a row here, so nothing the
-- remote already confirmed is sent again.
CREATE TABLE change_log_outcome (
    change_id           BIGINT       NOT NULL,    -- change_log.id
    export_execution_id BIGINT       NOT NULL,    -- BATCH_JOB_EXECUTION.JOB_EXECUTION_ID that decided it
    outcome             VARCHAR(16)  NOT NULL,    -- SENT | SKIPPED | NOTHING_TO_SEND
    decided_at          TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (change_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
