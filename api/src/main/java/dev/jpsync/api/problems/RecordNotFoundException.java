package dev.jpsync.api.problems;

/** No post or comment with the id in the path (404). */
public class RecordNotFoundException extends RuntimeException {

    public RecordNotFoundException(String kind, long id) {
        super("There is no " + kind + " with id " + id + ".");
    }
}
