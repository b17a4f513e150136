package dev.jpsync.api.problems;

import java.io.IOException;

/**
 * Thrown while reading a request body that exceeds the limit. An IOException, so that it travels through
 * the JSON converter's read (which wraps it) to {@link ApiProblems}, which answers 413.
 */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes.");
    }
}
