package dev.jpsync.api.problems;

/** If-Match named a version of the record that is no longer current (412); nothing was written. */
public class StaleEntityTagException extends RuntimeException {

    public StaleEntityTagException(String ifMatch, String current) {
        super("If-Match " + ifMatch + " does not match the current ETag " + current
                + ": the record changed since you read it. GET it again and retry.");
    }
}
