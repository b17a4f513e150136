package dev.jpsync.api.posts;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.jpsync.api.problems.RecordNotFoundException;
import dev.jpsync.api.web.EntityTag;

/**
 * The writes on posts. Each runs in one transaction that locks the row it checks (If-Match, merge of a
 * PATCH), so that no concurrent write slips in between the check and the update. The triggers log each
 * changed row; an update that changes nothing writes (and logs) nothing.
 */
@Service
public class PostEditor {

    private final Posts posts;

    public PostEditor(Posts posts) {
        this.posts = posts;
    }

    @Transactional
    public Post create(PostInput input) {
        return posts.save(new Post(input.userId(), input.title(), input.body()));
    }

    /** PUT: every field is given. */
    @Transactional
    public Post replace(long id, PostInput input, String ifMatch) {
        Post post = lockCurrent(id, ifMatch);
        post.change(input.userId(), input.title(), input.body());
        return post;
    }

    /** PATCH: absent (null) fields keep their value. */
    @Transactional
    public Post patch(long id, PostInput input, String ifMatch) {
        Post post = lockCurrent(id, ifMatch);
        post.change(input.userId() != null ? input.userId() : post.getUserId(),
                input.title() != null ? input.title() : post.getTitle(),
                input.body() != null ? input.body() : post.getBody());
        return post;
    }

    /** Deletes the post and (by the database's trigger) its comments. */
    @Transactional
    public void delete(long id, String ifMatch) {
        posts.delete(lockCurrent(id, ifMatch));
    }

    private Post lockCurrent(long id, String ifMatch) {
        Post current = posts.findForUpdate(id).orElseThrow(() -> new RecordNotFoundException("post", id));
        EntityTag.checkIfMatch(ifMatch, PostJson.of(current).entityTag());
        return current;
    }
}
