package dev.jpsync.domain;

import static dev.jpsync.domain.ChangeOp.CREATE;
import static dev.jpsync.domain.ChangeOp.DELETE;
import static dev.jpsync.domain.ChangeOp.UPDATE;
import static dev.jpsync.domain.EntityKind.COMMENT;
import static dev.jpsync.domain.EntityKind.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.jpsync.domain.NetChange.Action;

/** The net-change table, row by row, and mixed sequences. Pure: no database. */
class NetChangeTest {

    private static final Pattern REMOTE_ID = Pattern.compile("\"remoteId\":\\s*(\\d+)");
    private static final Function<String, Long> remoteId = p -> {
        Matcher m = REMOTE_ID.matcher(p);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    };

    private long nextId = 1;

    private Change change(EntityKind kind, long entityId, ChangeOp op, String title, Long remote) {
        return new Change(nextId++, kind, entityId, op,
                "{\"id\": " + entityId + ", \"title\": \"" + title + "\", \"remoteId\": " + remote + "}", Instant.now());
    }

    // Row 1: CREATE, then any UPDATEs -> POST with the latest state

    @Test
    void createAloneIsAPost() {
        NetChange n = NetChange.fold(List.of(change(POST, 7, CREATE, "a", null)), remoteId);
        assertThat(n.action()).isEqualTo(Action.CREATE);
        assertThat(n.latestPayload()).contains("\"a\"");
        assertThat(n.changeIds()).containsExactly(1L);
    }

    @Test
    void createThenUpdatesIsAPostWithTheLatestState() {
        NetChange n = NetChange.fold(List.of(change(POST, 7, CREATE, "a", null), change(POST, 7, UPDATE, "b", null),
                change(POST, 7, UPDATE, "c", null)), remoteId);
        assertThat(n.action()).isEqualTo(Action.CREATE);
        assertThat(n.latestPayload()).contains("\"c\"");
        assertThat(n.changeIds()).containsExactly(1L, 2L, 3L);
    }

    // Row 2: CREATE ... DELETE -> nothing

    @Test
    void createThenDeleteIsNothing() {
        assertThat(NetChange.fold(List.of(change(POST, 7, CREATE, "a", null), change(POST, 7, DELETE, "a", null)),
                remoteId).action()).isEqualTo(Action.NONE);
    }

    @Test
    void createUpdatesThenDeleteIsNothingAndStillCoversEveryEntry() {
        NetChange n = NetChange.fold(List.of(change(COMMENT, 3, CREATE, "a", null), change(COMMENT, 3, UPDATE, "b", null),
                change(COMMENT, 3, DELETE, "b", null)), remoteId);
        assertThat(n.action()).isEqualTo(Action.NONE);
        assertThat(n.changeIds()).containsExactly(1L, 2L, 3L);
    }

    // Row 3: UPDATEs only -> PUT with the latest state

    @Test
    void updatesOnlyAreAPutWithTheLatestStateAndTheRemoteId() {
        NetChange n = NetChange.fold(List.of(change(POST, 1, UPDATE, "x", 1L), change(POST, 1, UPDATE, "y", 1L)), remoteId);
        assertThat(n.action()).isEqualTo(Action.UPDATE);
        assertThat(n.latestPayload()).contains("\"y\"");
        assertThat(n.knownRemoteId()).isEqualTo(1L);
    }

    @Test
    void updateOfARecordWithoutRemoteIdIsStillAnUpdate() {
        // the sender looks the remote id up at send time (it may have been stored since) and creates if none
        NetChange n = NetChange.fold(List.of(change(POST, 9, UPDATE, "x", null)), remoteId);
        assertThat(n.action()).isEqualTo(Action.UPDATE);
        assertThat(n.knownRemoteId()).isNull();
    }

    // Row 4: any UPDATEs, then DELETE -> DELETE

    @Test
    void deleteAloneOfAnExportedRecordIsADelete() {
        NetChange n = NetChange.fold(List.of(change(POST, 1, DELETE, "x", 1L)), remoteId);
        assertThat(n.action()).isEqualTo(Action.DELETE);
        assertThat(n.knownRemoteId()).isEqualTo(1L);
    }

    @Test
    void updatesThenDeleteIsADelete() {
        NetChange n = NetChange.fold(List.of(change(COMMENT, 4, UPDATE, "x", 40L), change(COMMENT, 4, UPDATE, "y", 40L),
                change(COMMENT, 4, DELETE, "y", 40L)), remoteId);
        assertThat(n.action()).isEqualTo(Action.DELETE);
        assertThat(n.knownRemoteId()).isEqualTo(40L);
        assertThat(n.changeIds()).containsExactly(1L, 2L, 3L);
    }

    // Row 5: DELETE of a record never exported and without remote id -> nothing

    @Test
    void deleteOfARecordWithoutRemoteIdIsNothing() {
        assertThat(NetChange.fold(List.of(change(POST, 5, DELETE, "x", null)), remoteId).action())
                .isEqualTo(Action.NONE);
        assertThat(NetChange.fold(List.of(change(POST, 5, UPDATE, "x", null), change(POST, 5, DELETE, "x", null)),
                remoteId).action()).isEqualTo(Action.NONE);
    }

    // Mixed sequences

    @Test
    void deleteThenReinsertWithTheSameIdIsAnUpdateOfTheRemoteRecord() {
        NetChange n = NetChange.fold(List.of(change(POST, 1, DELETE, "old", 1L), change(POST, 1, CREATE, "new", null)),
                remoteId);
        assertThat(n.action()).isEqualTo(Action.UPDATE);
        assertThat(n.latestPayload()).contains("\"new\"");
        assertThat(n.knownRemoteId()).isEqualTo(1L);
    }

    @Test
    void createDeleteCreateIsACreateOfTheLastState() {
        NetChange n = NetChange.fold(List.of(change(POST, 2, CREATE, "a", null), change(POST, 2, DELETE, "a", null),
                change(POST, 2, CREATE, "b", null), change(POST, 2, UPDATE, "c", null)), remoteId);
        assertThat(n.action()).isEqualTo(Action.CREATE);
        assertThat(n.latestPayload()).contains("\"c\"");
    }

    @Test
    void theNewestRemoteIdAnyEntryCarriedWins() {
        // created and exported in an earlier window, so the later entries carry the remote id it got
        NetChange n = NetChange.fold(List.of(change(POST, 3, UPDATE, "a", null), change(POST, 3, UPDATE, "b", 103L),
                change(POST, 3, DELETE, "b", 103L)), remoteId);
        assertThat(n.action()).isEqualTo(Action.DELETE);
        assertThat(n.knownRemoteId()).isEqualTo(103L);
    }

    // Any entry carrying a remote id makes the net change address that id

    @Test
    void aCreateWhoseLaterEntriesCarryARemoteIdThenDeletedIsADeleteOfThatId() {
        // the POST's remote id committed but its outcome did not: the record is on the remote
        NetChange n = NetChange.fold(List.of(change(POST, 6, CREATE, "a", null), change(POST, 6, UPDATE, "b", 106L),
                change(POST, 6, DELETE, "b", 106L)), remoteId);
        assertThat(n.action()).isEqualTo(Action.DELETE);
        assertThat(n.knownRemoteId()).isEqualTo(106L);
        assertThat(n.changeIds()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aCreateWhoseLaterEntriesCarryARemoteIdIsAnUpdateOfThatId() {
        NetChange n = NetChange.fold(List.of(change(POST, 6, CREATE, "a", null), change(POST, 6, UPDATE, "b", 106L)),
                remoteId);
        assertThat(n.action()).isEqualTo(Action.UPDATE);
        assertThat(n.knownRemoteId()).isEqualTo(106L);
        assertThat(n.latestPayload()).contains("\"b\"");
    }

    @Test
    void aCreateCarryingARemoteIdItselfIsAnUpdateOfThatId() {
        // a row inserted with its remote id (as the import writes them, but captured)
        NetChange n = NetChange.fold(List.of(change(COMMENT, 8, CREATE, "a", 80L)), remoteId);
        assertThat(n.action()).isEqualTo(Action.UPDATE);
        assertThat(n.knownRemoteId()).isEqualTo(80L);
    }

    @Test
    void deleteReinsertThenDeleteAgainIsADeleteOfTheOldRemoteId() {
        NetChange n = NetChange.fold(List.of(change(POST, 1, DELETE, "old", 1L), change(POST, 1, CREATE, "new", null),
                change(POST, 1, DELETE, "new", null)), remoteId);
        assertThat(n.action()).isEqualTo(Action.DELETE);
        assertThat(n.knownRemoteId()).isEqualTo(1L);
    }

    @Test
    void aPrimaryKeyChangeIsADeleteOfTheOldIdAndACreateOfTheNewOneTheDecisionResolves() {
        // UPDATE posts SET id = 1001 WHERE id = 1: the triggers log DELETE 1 (remote id 1) and CREATE 1001;
        // the row 1001 keeps remote_id 1, which the export's decision looks up (the fold cannot know it)
        List<NetChange> net = NetChange.foldAll(List.of(change(POST, 1, DELETE, "t", 1L),
                change(POST, 1001, CREATE, "t", null)), remoteId);
        assertThat(net).extracting(NetChange::entityId, NetChange::action, NetChange::knownRemoteId)
                .containsExactly(tuple(1L, Action.DELETE, 1L), tuple(1001L, Action.CREATE, null));
    }

    @Test
    void foldAllGivesOneNetChangePerRecordPostsFirstEachInLocalIdOrder() {
        List<Change> log = new ArrayList<>();
        log.add(change(COMMENT, 11, CREATE, "c11", null));
        log.add(change(POST, 9, CREATE, "p9", null));
        log.add(change(POST, 2, UPDATE, "p2", 2L));
        log.add(change(COMMENT, 11, UPDATE, "c11b", null));
        log.add(change(COMMENT, 5, DELETE, "c5", 5L));
        log.add(change(POST, 9, UPDATE, "p9b", null));
        log.add(change(POST, 4, CREATE, "p4", null));
        log.add(change(POST, 4, DELETE, "p4", null));
        log.add(change(POST, 2, UPDATE, "p2b", 2L));

        List<NetChange> net = NetChange.foldAll(log, remoteId);

        assertThat(net).extracting(NetChange::entity, NetChange::entityId, NetChange::action, NetChange::changeIds)
                .containsExactly(
                        tuple(POST, 2L, Action.UPDATE, List.of(3L, 9L)),
                        tuple(POST, 4L, Action.NONE, List.of(7L, 8L)),
                        tuple(POST, 9L, Action.CREATE, List.of(2L, 6L)),
                        tuple(COMMENT, 5L, Action.DELETE, List.of(5L)),
                        tuple(COMMENT, 11L, Action.CREATE, List.of(1L, 4L)));
        assertThat(net.get(0).latestPayload()).contains("p2b");
        assertThat(net.get(2).latestPayload()).contains("p9b");
        assertThat(net.get(4).latestPayload()).contains("c11b");
        // every entry is covered exactly once, so the archive can account for each of them
        assertThat(net.stream().mapToInt(n -> n.changeIds().size()).sum()).isEqualTo(log.size());
    }

    @Test
    void refusesEntriesOfDifferentRecordsOrOutOfOrder() {
        Change a = change(POST, 1, UPDATE, "a", 1L);
        Change b = change(POST, 2, UPDATE, "b", 2L);
        Change c = change(POST, 1, UPDATE, "c", 1L);
        assertThatThrownBy(() -> NetChange.fold(List.of(a, b), remoteId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetChange.fold(List.of(c, a), remoteId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetChange.fold(List.of(), remoteId)).isInstanceOf(IllegalArgumentException.class);
    }
}
