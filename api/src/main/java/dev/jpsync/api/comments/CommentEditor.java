package dev.jpsync.api.comments;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.jpsync.api.problems.RecordNotFoundException;
import dev.jpsync.api.problems.UnknownPostException;
import dev.jpsync.api.web.EntityTag;
import dev.jpsync.domain.Comment;
import dev.jpsync.domain.CommentRepository;
import dev.jpsync.domain.PostRepository;

/**
 * The writes on comments. A comment must belong to an existing post: checked before writing, and the foreign
 * key catches a post deleted concurrently. Writes that check the current row (If-Match, PATCH) lock it.
 */
@Service
public class CommentEditor {

    private final CommentRepository comments;
    private final PostRepository posts;

    public CommentEditor(CommentRepository comments, PostRepository posts) {
        this.comments = comments;
        this.posts = posts;
    }

    @Transactional
    public Comment create(CommentInput input) {
        return comments.insertIfPostExists(new Comment(null, input.postId(), input.name(), input.email(),
                        input.body(), null))
                .orElseThrow(() -> new UnknownPostException(input.postId()));
    }

    /** PUT: every field is given. */
    @Transactional
    public Comment replace(long id, CommentInput input, String ifMatch) {
        Comment current = lockCurrent(id, ifMatch);
        return update(current, new Comment(id, input.postId(), input.name(), input.email(), input.body(),
                current.remoteId()));
    }

    /** PATCH: absent (null) fields keep their value. */
    @Transactional
    public Comment patch(long id, CommentInput input, String ifMatch) {
        Comment current = lockCurrent(id, ifMatch);
        return update(current, new Comment(id,
                input.postId() != null ? input.postId() : current.postId(),
                input.name() != null ? input.name() : current.name(),
                input.email() != null ? input.email() : current.email(),
                input.body() != null ? input.body() : current.body(),
                current.remoteId()));
    }

    @Transactional
    public void delete(long id, String ifMatch) {
        lockCurrent(id, ifMatch);
        comments.deleteById(id);
    }

    private Comment update(Comment current, Comment changed) {
        if (changed.postId() != current.postId() && !posts.existsById(changed.postId())) {
            throw new UnknownPostException(changed.postId());
        }
        try {
            comments.update(changed);
        } catch (DataIntegrityViolationException e) {
            throw new UnknownPostException(changed.postId()); // the post went away since the check
        }
        return changed;
    }

    private Comment lockCurrent(long id, String ifMatch) {
        Comment current = comments.findByIdForUpdate(id)
                .orElseThrow(() -> new RecordNotFoundException("comment", id));
        EntityTag.checkIfMatch(ifMatch, CommentJson.of(current).entityTag());
        return current;
    }
}
