package dev.jpsync.jobs.verifyjob;

/** Which side a drift repair makes the other equal to. */
public enum SourceOfTruth {
    /** the database: its state is queued for the next export (create, update or delete on the remote) */
    LOCAL,
    /** the remote: its version is written into the database with capture off */
    REMOTE
}
