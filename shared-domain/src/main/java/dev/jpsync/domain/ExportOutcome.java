package dev.jpsync.domain;

/** What an export did with a change-log entry, as stored in {@code change_log_archive.outcome}. */
public enum ExportOutcome {
    /** The remote accepted the net change the entry belongs to. */
    SENT,
    /** The remote refused it (or it could not be sent); a {@code sync_failure} row says why. */
    SKIPPED,
    /**
     * The record's calls went unanswered in {@code sync.export.park-after-runs} runs while the remote answered
     * others; it was parked in {@code sync_failure}.
     */
    FAILED,
    /** The entry folded into no call at all, e.g. a record created and deleted within one window. */
    NOTHING_TO_SEND
}
