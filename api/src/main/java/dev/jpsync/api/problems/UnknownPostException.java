package dev.jpsync.api.problems;

/** A comment names a postId for which there is no post (422); nothing was written. */
public class UnknownPostException extends RuntimeException {

    private final long postId;

    public UnknownPostException(long postId) {
        super("There is no post with id " + postId + "; a comment must belong to an existing post.");
        this.postId = postId;
    }

    public long postId() {
        return postId;
    }
}
