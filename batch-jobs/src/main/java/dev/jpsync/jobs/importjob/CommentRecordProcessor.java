package dev.jpsync.jobs.importjob;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.jpsync.domain.FieldRule;

/**
 * Validates a remote comment against the {@link FieldRule}s the API also applies, and refuses one whose post
 * the database does not know by that remote id (nor has deleted locally, see {@link KnownPostIds}).
 */
public class CommentRecordProcessor implements ItemProcessor<RemoteRecord, UpstreamComment>, StepExecutionListener {

    private final JdbcTemplate jdbc;
    private KnownPostIds posts;

    public CommentRecordProcessor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        posts = KnownPostIds.load(jdbc);
    }

    @Override
    public UpstreamComment process(RemoteRecord record) {
        long id = record.requiredId();
        long postId = record.required(FieldRule.POST_ID);
        if (!posts.contains(postId)) {
            throw new InvalidRecordException("post " + postId + " does not exist");
        }
        return new UpstreamComment(id, postId, record.requiredText(FieldRule.NAME), record.requiredText(FieldRule.EMAIL),
                record.requiredText(FieldRule.BODY));
    }
}
