package dev.jpsync.domain;

/** What a trigger saw happen to a row, as stored in {@code change_log.op}. */
public enum ChangeOp {
    CREATE,
    UPDATE,
    DELETE
}
