package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.NetChange;
import dev.jpsync.testsupport.UseTestDatabase;

/** The pending preview says exactly what the next export sends: compared call by call against WireMock. */
@SpringBootTest(properties = {"sync.remote.retry.max-attempts=1", "sync.export.chunk-size=3", "sync.export.concurrency=1"})
@SpringBatchTest
@UseTestDatabase
class PendingPreviewTest extends ExportJobTestSupport {

    @Autowired
    PendingPreview preview;

    @Test
    void thePreviewIsTheCallsTheNextExportMakesInOrder() throws Exception {
        importedPost(1, "one");
        importedPost(2, "two");
        importedPost(3, "three");
        importedComment(1, 3);
        importedComment(2, 2);
        jdbc.update("UPDATE posts SET title = 'one, edited' WHERE id = 1");
        jdbc.update("UPDATE posts SET title = 'one, edited again' WHERE id = 1");
        jdbc.update("DELETE FROM posts WHERE id = 3"); // and its comment 1
        long fresh = newPost("fresh");
        long freshComment = newComment(fresh, "on a new post");
        long gone = newPost("created and deleted");
        jdbc.update("DELETE FROM posts WHERE id = ?", gone);
        jdbc.update("UPDATE comments SET body = 'edited' WHERE id = 2");
        remote.stubFor(post("/posts").willReturn(okJson("{\"id\": 101}").withStatus(201)));
        remote.stubFor(post("/comments").willReturn(okJson("{\"id\": 501}").withStatus(201)));
        remote.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{}")));

        PendingPreview.Page page = preview.page(null, 0, 100);

        assertThat(page.totalRecords()).isEqualTo(7);
        assertThat(page.content()).extracting(PendingPreview.PendingChange::entity, PendingPreview.PendingChange::entityId,
                        PendingPreview.PendingChange::action, PendingPreview.PendingChange::method,
                        PendingPreview.PendingChange::path, PendingPreview.PendingChange::entries)
                .containsExactly(
                        tuple(EntityKind.POST, 1L, NetChange.Action.UPDATE, "PUT", "/posts/1", 2),
                        tuple(EntityKind.POST, 3L, NetChange.Action.DELETE, "DELETE", "/posts/3", 1),
                        tuple(EntityKind.POST, fresh, NetChange.Action.CREATE, "POST", "/posts", 1),
                        tuple(EntityKind.POST, gone, NetChange.Action.NONE, null, null, 2),
                        tuple(EntityKind.COMMENT, 1L, NetChange.Action.DELETE, "DELETE", "/comments/1", 1),
                        tuple(EntityKind.COMMENT, 2L, NetChange.Action.UPDATE, "PUT", "/comments/2", 1),
                        tuple(EntityKind.COMMENT, freshComment, NetChange.Action.CREATE, "POST", "/comments", 1));
        assertThat(page.content()).allSatisfy(change -> assertThat(change.ageSeconds()).isGreaterThanOrEqualTo(0));
        assertThat(preview.page(EntityKind.COMMENT, 1, 1).content()).extracting(PendingPreview.PendingChange::entityId)
                .containsExactly(2L);

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<String> sent = remote.findAll(anyRequestedFor(anyUrl())).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> request.getMethod().getName() + " " + request.getUrl()).toList();
        List<String> previewed = page.content().stream().filter(change -> change.method() != null)
                .map(change -> change.method() + " " + change.path()).toList();
        assertThat(sent).isEqualTo(previewed);
        // and each previewed record's entries are exactly those the export archived for it
        for (PendingPreview.PendingChange change : page.content()) {
            assertThat(jdbc.queryForList("SELECT id FROM change_log_archive WHERE entity = ? AND entity_id = ? ORDER BY id",
                    Long.class, change.entity().name(), change.entityId())).isEqualTo(change.changeIds());
        }
        assertThat(preview.page(null, 0, 100).content()).isEmpty();
    }
}
