package dev.jpsync.jobs.verifyjob;

/** Which of a report's differences a repair acts on (the side being repaired is the one that is not the truth). */
public enum RepairScope {
    /** inserts, updates and deletes */
    ALL,
    /** only records missing on the repaired side are inserted */
    INSERT_ONLY,
    /** inserts and updates, never a delete */
    UPSERT_ONLY
}
