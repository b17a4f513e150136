package dev.jpsync.api.posts;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.jpsync.api.problems.RecordNotFoundException;
import dev.jpsync.api.web.EntityTag;
import dev.jpsync.domain.Post;
import dev.jpsync.domain.PostRepository;

/**
 * The writes on posts. Each runs in one transaction that locks the row it checks (If-Match, merge of a
 * PATCH), so that no concurrent write slips in between the check and the update. The triggers log each
 * changed row; an update that changes nothing logs nothing.
 */
@Service
public class PostEditor {

    private final PostRepository posts;

    public PostEditor(PostRepository posts) {
        this.posts = posts;
    }

    @Transactional
    public Post create(PostInput input) {
        return posts.insert(new Post(null, input.userId(), input.title(), input.body(), null));
    }

    /** PUT: every field is given. */
    @Transactional
    public Post replace(long id, PostInput input, String ifMatch) {
        Post current = lockCurrent(id, ifMatch);
        Post replaced = new Post(id, input.userId(), input.title(), input.body(), current.remoteId());
        posts.update(replaced);
        return replaced;
    }

    /** PATCH: absent (null) fields keep their value. */
    @Transactional
    public Post patch(long id, PostInput input, String ifMatch) {
        Post current = lockCurrent(id, ifMatch);
        Post patched = new Post(id,
                input.userId() != null ? input.userId() : current.userId(),
                input.title() != null ? input.title() : current.title(),
                input.body() != null ? input.body() : current.body(),
                current.remoteId());
        posts.update(patched);
        return patched;
    }

    /** Deletes the post and (by the database's trigger) its comments. */
    @Transactional
    public void delete(long id, String ifMatch) {
        lockCurrent(id, ifMatch);
        posts.deleteById(id);
    }

    private Post lockCurrent(long id, String ifMatch) {
        Post current = posts.findByIdForUpdate(id).orElseThrow(() -> new RecordNotFoundException("post", id));
        EntityTag.checkIfMatch(ifMatch, PostJson.of(current).entityTag());
        return current;
    }
}
