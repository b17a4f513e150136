package dev.jpsync.jobs.exportjob;

import static dev.jpsync.domain.EntityKind.COMMENT;
import static dev.jpsync.domain.EntityKind.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.NetChange.Action;
import dev.jpsync.domain.RemoteIdMap.Mapping;
import tools.jackson.databind.json.JsonMapper;

/** The call each net change needs, given what the database knows. Pure: no database, no HTTP. */
class ExportDecisionTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private ExportItem post(long id, Action action, Long knownRemoteId) {
        String payload = "{\"id\": " + id + ", \"userId\": 7, \"title\": \"t\", \"body\": \"b\", \"remoteId\": " + knownRemoteId + "}";
        return new ExportItem(new NetChange(POST, id, action, payload, knownRemoteId, List.of(1L)), json.readTree(payload));
    }

    private ExportItem comment(long id, long postId, Action action, Long knownRemoteId) {
        String payload = "{\"id\": " + id + ", \"postId\": " + postId + ", \"name\": \"n\", \"email\": \"e@x\", \"body\": \"b\"}";
        return new ExportItem(new NetChange(COMMENT, id, action, payload, knownRemoteId, List.of(2L)), json.readTree(payload));
    }

    private static KnownRemoteIds rows(EntityKind kind, long id, Mapping mapping) {
        return new KnownRemoteIds().rows(kind, Map.of(id, mapping));
    }

    @Test
    void aNewRecordIsPostedWithTheRemoteShapeAndLookedUpFirstOnlyWhenAnEarlierExecutionMayHaveSentIt() {
        RemoteCall call = ExportDecision.decide(post(5, Action.CREATE, null), rows(POST, 5, new Mapping(true, null)));
        assertThat(call.kind()).isEqualTo(RemoteCall.Kind.POST);
        assertThat(call.path()).isEqualTo("/posts");
        assertThat(call.body().toString()).isEqualTo("{\"userId\":7,\"title\":\"t\",\"body\":\"b\"}");
        assertThat(call.mayExistAlready()).isFalse();

        RemoteCall again = ExportDecision.decide(post(5, Action.CREATE, null),
                rows(POST, 5, new Mapping(true, null)).createsSent(POST, List.of(5L)));
        assertThat(again.kind()).isEqualTo(RemoteCall.Kind.POST);
        assertThat(again.mayExistAlready()).isTrue();
    }

    @Test
    void aRowCarryingARemoteIdIsPutThereEvenWhenItsWindowBeganWithACreate() {
        RemoteCall call = ExportDecision.decide(post(5, Action.CREATE, null), rows(POST, 5, new Mapping(true, 105L)));
        assertThat(call.kind()).isEqualTo(RemoteCall.Kind.PUT);
        assertThat(call.path()).isEqualTo("/posts/105");
        assertThat(call.body().get("id").asLong()).isEqualTo(105);
        assertThat(call.storeRemoteId()).isFalse();
    }

    @Test
    void aRowDeletedAndInsertedAgainWithTheSameIdIsPutToTheOldRemoteIdWhichIsThenStored() {
        // DELETE (remote id 1) + CREATE of the same local id: the new row carries no remote id
        ExportItem item = post(1, Action.UPDATE, 1L);
        KnownRemoteIds known = rows(POST, 1, new Mapping(true, null)).owners(POST, List.of(1L), Map.of());
        assertThat(ExportDecision.needsOwnerOfKnownRemoteId(item.change(), new Mapping(true, null))).isTrue();
        RemoteCall call = ExportDecision.decide(item, known);
        assertThat(call.kind()).isEqualTo(RemoteCall.Kind.PUT);
        assertThat(call.remoteId()).isEqualTo(1L);
        assertThat(call.storeRemoteId()).isTrue();
    }

    @Test
    void aPrimaryKeyChangeMovesTheRemoteRecordInsteadOfDeletingIt() {
        // UPDATE posts SET id = 1001 WHERE id = 1: DELETE of 1 (remote id 1), CREATE of 1001, which keeps remote id 1
        RemoteCall delete = ExportDecision.decide(post(1, Action.DELETE, 1L),
                new KnownRemoteIds().owners(POST, List.of(1L), Map.of(1L, 1001L)));
        assertThat(delete.kind()).isEqualTo(RemoteCall.Kind.NONE);
        assertThat(delete.reason()).contains("1001");
        RemoteCall create = ExportDecision.decide(post(1001, Action.CREATE, null), rows(POST, 1001, new Mapping(true, 1L)));
        assertThat(create.kind()).isEqualTo(RemoteCall.Kind.PUT);
        assertThat(create.remoteId()).isEqualTo(1L);
    }

    @Test
    void aKnownRemoteIdThatAnotherRowCarriesNowIsNotOverwrittenButANewRecordPosted() {
        // the old row's key changed to 1001 (keeping remote id 1), then a new row took local id 1
        RemoteCall call = ExportDecision.decide(post(1, Action.UPDATE, 1L),
                rows(POST, 1, new Mapping(true, null)).owners(POST, List.of(1L), Map.of(1L, 1001L)));
        assertThat(call.kind()).isEqualTo(RemoteCall.Kind.POST);
    }

    @Test
    void aDeleteWhoseRemoteIdNoRowCarriesIsSent() {
        RemoteCall call = ExportDecision.decide(post(3, Action.DELETE, 103L),
                new KnownRemoteIds().owners(POST, List.of(103L), Map.of()));
        assertThat(call.kind()).isEqualTo(RemoteCall.Kind.DELETE);
        assertThat(call.path()).isEqualTo("/posts/103");
    }

    @Test
    void aRowDeletedSinceTheWindowAndAFoldedNothingNeedNoCall() {
        assertThat(ExportDecision.decide(post(5, Action.UPDATE, null), rows(POST, 5, Mapping.ABSENT)).kind())
                .isEqualTo(RemoteCall.Kind.NONE);
        assertThat(ExportDecision.decide(post(5, Action.NONE, null), new KnownRemoteIds()).kind())
                .isEqualTo(RemoteCall.Kind.NONE);
    }

    @Test
    void aCommentGetsItsPostsRemoteIdWaitsForAPendingPostAndIsRefusedForAPostThatIsNotComing() {
        KnownRemoteIds exported = rows(COMMENT, 9, new Mapping(true, null)).rows(POST, Map.of(4L, new Mapping(true, 104L)));
        RemoteCall call = ExportDecision.decide(comment(9, 4, Action.CREATE, null), exported);
        assertThat(call.kind()).isEqualTo(RemoteCall.Kind.POST);
        assertThat(call.body().get("postId").asLong()).isEqualTo(104);

        KnownRemoteIds pending = rows(COMMENT, 9, new Mapping(true, null)).rows(POST, Map.of(4L, new Mapping(true, null)))
                .postsPending(List.of(4L));
        assertThat(ExportDecision.decide(comment(9, 4, Action.CREATE, null), pending).kind()).isEqualTo(RemoteCall.Kind.WAIT);

        KnownRemoteIds refused = rows(COMMENT, 9, new Mapping(true, null)).rows(POST, Map.of(4L, new Mapping(true, null)));
        RemoteCall refusal = ExportDecision.decide(comment(9, 4, Action.CREATE, null), refused);
        assertThat(refusal.kind()).isEqualTo(RemoteCall.Kind.REFUSE);
        assertThat(refusal.reason()).contains("post 4").contains("not on the remote");
    }

    @Test
    void whatWasNotReadBeforeDecidingIsABugNotAnAbsentRow() {
        assertThatThrownBy(() -> ExportDecision.decide(post(5, Action.UPDATE, null), new KnownRemoteIds()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFoundRecordMustEqualEveryField() {
        var body = json.createObjectNode().put("userId", 7).put("title", "t").put("body", "b");
        assertThat(ExportDecision.sameRecord(body, json.readTree("{\"id\": 3, \"userId\": 7, \"title\": \"t\", \"body\": \"b\"}"))).isTrue();
        assertThat(ExportDecision.sameRecord(body, json.readTree("{\"id\": 3, \"userId\": \"7\", \"title\": \"t\", \"body\": \"b\"}"))).isTrue();
        assertThat(ExportDecision.sameRecord(body, json.readTree("{\"id\": 3, \"userId\": 7, \"title\": \"t\", \"body\": \"c\"}"))).isFalse();
        assertThat(ExportDecision.sameRecord(body, json.readTree("{\"id\": 3, \"userId\": 7, \"title\": \"t\"}"))).isFalse();
    }
}
