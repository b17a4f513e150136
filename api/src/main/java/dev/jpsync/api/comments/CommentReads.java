package dev.jpsync.api.comments;

import java.util.Optional;

/** The {@link Comments} fragment that answers {@code GET /comments/{id}} (see {@link dev.jpsync.api.StatelessReads}). */
public interface CommentReads {

    /** The comment as committed now, detached; refused inside a transaction. */
    Optional<Comment> readById(long id);
}
