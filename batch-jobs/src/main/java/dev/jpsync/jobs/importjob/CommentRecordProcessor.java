package dev.jpsync.jobs.importjob;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.domain.Comment;
import dev.jpsync.domain.EntityKind;

/**
 * Validates a remote comment and maps it to a row that keeps the upstream id as local id and remote id.
 * Filters a comment with local changes not yet exported (also the comments of a post deleted here: their
 * deletion is in the change log); refuses one whose post does not exist.
 */
public class CommentRecordProcessor implements ItemProcessor<RemoteRecord, Comment>, StepExecutionListener {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private PendingLocalChanges pending;
    private KnownPostIds posts;

    public CommentRecordProcessor(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        pending = PendingLocalChanges.load(jdbc, EntityKind.COMMENT);
        posts = KnownPostIds.load(jdbcTemplate);
    }

    @Override
    public Comment process(RemoteRecord record) {
        long id = record.requiredId("id");
        if (pending.contains(id)) {
            return null;
        }
        long postId = record.requiredId("postId");
        if (!posts.contains(postId)) {
            throw new InvalidRecordException("post " + postId + " does not exist");
        }
        return new Comment(id, postId, record.requiredText("name", 255, false), record.requiredText("email", 255, false),
                record.requiredText("body", 10_000, true), id);
    }
}
