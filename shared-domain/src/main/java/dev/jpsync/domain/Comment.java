package dev.jpsync.domain;

/** A comment in JSONPlaceholder's shape; {@code remoteId} is null until the record exists on the remote. */
public record Comment(Long id, long postId, String name, String email, String body, Long remoteId) {

    public Comment withId(long newId) {
        return new Comment(newId, postId, name, email, body, remoteId);
    }
}
