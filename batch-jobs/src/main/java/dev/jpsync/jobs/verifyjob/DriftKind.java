package dev.jpsync.jobs.verifyjob;

/** How a record of the database and its remote counterpart disagree (one drift report row). */
public enum DriftKind {
    /** a local record the remote does not have (its remote id was not in the remote's listing, or it has none) */
    MISSING_REMOTE,
    /** a remote record that no local record is mapped to */
    MISSING_LOCAL,
    /** both exist and at least one synced field differs */
    DIFFERS,
    /** they disagree, but the record has change-log entries the next export will send: not drift */
    PENDING
}
