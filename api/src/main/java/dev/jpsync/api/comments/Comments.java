package dev.jpsync.api.comments;

import java.util.Optional;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import jakarta.persistence.LockModeType;

/**
 * The comments the API reads and writes one at a time (Spring Data JPA). Listings are SQL (see
 * {@link dev.jpsync.domain.CommentRepository}); the jobs' bulk reads and writes are JDBC. A GET by id is
 * {@link CommentReads#readById}, one SELECT through a stateless session.
 */
public interface Comments extends Repository<Comment, Long>, CommentReads {

    /** Reads and locks the row (SELECT ... FOR UPDATE) until the caller's transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Comment c where c.id = :id")
    Optional<Comment> findForUpdate(long id);

    <S extends Comment> S save(S comment);

    void delete(Comment comment);

    /** Writes pending changes now, so that a constraint the database enforces fails here, not at commit. */
    void flush();
}
