package dev.jpsync.api.comments;

import dev.jpsync.api.StatelessReads;
import jakarta.persistence.EntityManagerFactory;

/** Found by Spring Data by its name: the implementation of {@link CommentReads} in {@link Comments}. */
class CommentReadsImpl extends StatelessReads<Comment> implements CommentReads {

    CommentReadsImpl(EntityManagerFactory entityManagerFactory) {
        super(entityManagerFactory, Comment.class);
    }
}
