package dev.jpsync.domain;

/** A post in JSONPlaceholder's shape; {@code remoteId} is null until the record exists on the remote. */
public record Post(Long id, long userId, String title, String body, Long remoteId) {

    public Post withId(long newId) {
        return new Post(newId, userId, title, body, remoteId);
    }
}
