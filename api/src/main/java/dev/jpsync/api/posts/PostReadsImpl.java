package dev.jpsync.api.posts;

import dev.jpsync.api.StatelessReads;
import jakarta.persistence.EntityManagerFactory;

/** Found by Spring Data by its name: the implementation of {@link PostReads} in {@link Posts}. */
class PostReadsImpl extends StatelessReads<Post> implements PostReads {

    PostReadsImpl(EntityManagerFactory entityManagerFactory) {
        super(entityManagerFactory, Post.class);
    }
}
