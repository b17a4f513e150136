package dev.jpsync.api.posts;

import java.util.Optional;

/** The {@link Posts} fragment that answers {@code GET /posts/{id}} (see {@link dev.jpsync.api.StatelessReads}). */
public interface PostReads {

    /** The post as committed now, detached; refused inside a transaction. */
    Optional<Post> readById(long id);
}
