package dev.jpsync.api.comments;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code comments} as the API reads and edits it. {@code postId} is a plain column, not an
 * association: a comment's answer never needs its post, so no read loads one. As for posts, {@code remote_id}
 * and the timestamps are not mapped, so JPA never writes them.
 */
@Entity
@Table(name = "comments")
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "post_id", nullable = false)
    private long postId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false, length = 10_000)
    private String body;

    protected Comment() {
        // for JPA
    }

    public Comment(long postId, String name, String email, String body) {
        this.postId = postId;
        this.name = name;
        this.email = email;
        this.body = body;
    }

    public Long getId() {
        return id;
    }

    public long getPostId() {
        return postId;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public String getBody() {
        return body;
    }

    /** Sets the fields a client sends; the UPDATE at flush writes only these columns, and none when none changed. */
    void change(long newPostId, String newName, String newEmail, String newBody) {
        this.postId = newPostId;
        this.name = newName;
        this.email = newEmail;
        this.body = newBody;
    }
}
