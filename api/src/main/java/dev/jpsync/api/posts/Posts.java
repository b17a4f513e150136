package dev.jpsync.api.posts;

import java.util.Optional;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import jakarta.persistence.LockModeType;

/**
 * The posts the API reads and writes one at a time (Spring Data JPA). Listings are SQL (see
 * {@link dev.jpsync.domain.PostRepository}); the jobs' bulk reads and writes are JDBC. A GET by id is
 * {@link PostReads#readById}, one SELECT through a stateless session.
 */
public interface Posts extends Repository<Post, Long>, PostReads {

    /** Reads and locks the row (SELECT ... FOR UPDATE) until the caller's transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.id = :id")
    Optional<Post> findForUpdate(long id);

    @Query("select count(p) > 0 from Post p where p.id = :id")
    boolean exists(long id);

    <S extends Post> S save(S post);

    void delete(Post post);
}
