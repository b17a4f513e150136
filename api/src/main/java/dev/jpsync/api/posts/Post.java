package dev.jpsync.api.posts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code posts} as the API reads and edits it. Only the fields a client may change are mapped:
 * {@code remote_id} belongs to the export (which stores it while the API may be editing the same row), and
 * {@code created_at}/{@code updated_at} to the database, so JPA never writes any of them.
 */
@Entity
@Table(name = "posts")
public class Post {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false, length = 10_000)
    private String body;

    protected Post() {
        // for JPA
    }

    public Post(long userId, String title, String body) {
        this.userId = userId;
        this.title = title;
        this.body = body;
    }

    public Long getId() {
        return id;
    }

    public long getUserId() {
        return userId;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    /** Sets the fields a client sends; the UPDATE at commit writes only these columns, and none when none changed. */
    void change(long newUserId, String newTitle, String newBody) {
        this.userId = newUserId;
        this.title = newTitle;
        this.body = newBody;
    }
}
