package dev.jpsync.api.comments;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.jpsync.api.posts.Posts;
import dev.jpsync.api.problems.RecordNotFoundException;
import dev.jpsync.api.problems.UnknownPostException;
import dev.jpsync.api.web.EntityTag;

/**
 * The writes on comments. A comment must belong to an existing post: the foreign key decides, in the same
 * statement as the write, so that no concurrent delete of the post can slip in between a check and the write.
 * Writes that check the current row (If-Match, PATCH) lock it.
 */
@Service
public class CommentEditor {

    private final Comments comments;
    private final Posts posts;

    public CommentEditor(Comments comments, Posts posts) {
        this.comments = comments;
        this.posts = posts;
    }

    @Transactional
    public Comment create(CommentInput input) {
        try {
            return comments.save(new Comment(input.postId(), input.name(), input.email(), input.body()));
        } catch (DataIntegrityViolationException e) {
            throw new UnknownPostException(input.postId()); // the only constraint validation leaves to the database
        }
    }

    /** PUT: every field is given. */
    @Transactional
    public Comment replace(long id, CommentInput input, String ifMatch) {
        Comment comment = lockCurrent(id, ifMatch);
        return update(comment, input.postId(), input.name(), input.email(), input.body());
    }

    /** PATCH: absent (null) fields keep their value. */
    @Transactional
    public Comment patch(long id, CommentInput input, String ifMatch) {
        Comment comment = lockCurrent(id, ifMatch);
        return update(comment,
                input.postId() != null ? input.postId() : comment.getPostId(),
                input.name() != null ? input.name() : comment.getName(),
                input.email() != null ? input.email() : comment.getEmail(),
                input.body() != null ? input.body() : comment.getBody());
    }

    @Transactional
    public void delete(long id, String ifMatch) {
        comments.delete(lockCurrent(id, ifMatch));
    }

    private Comment update(Comment comment, long postId, String name, String email, String body) {
        if (postId != comment.getPostId() && !posts.exists(postId)) {
            throw new UnknownPostException(postId);
        }
        comment.change(postId, name, email, body);
        try {
            comments.flush(); // the UPDATE now, so that the foreign key's verdict is answered here
        } catch (DataIntegrityViolationException e) {
            throw new UnknownPostException(postId); // the post went away since the check
        }
        return comment;
    }

    private Comment lockCurrent(long id, String ifMatch) {
        Comment current = comments.findForUpdate(id)
                .orElseThrow(() -> new RecordNotFoundException("comment", id));
        EntityTag.checkIfMatch(ifMatch, CommentJson.of(current).entityTag());
        return current;
    }
}
