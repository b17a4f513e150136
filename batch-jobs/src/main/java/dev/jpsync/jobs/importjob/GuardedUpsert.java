package dev.jpsync.jobs.importjob;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.EntityKind;

/**
 * Writes upstream records into their table without ever overwriting local work, with a fixed number of
 * set-based statements per part of a chunk, whatever its size (no statement per row). Each part runs in a
 * transaction of its own (READ COMMITTED, so that no gap locks make parallel parts wait for each other;
 * capture off):
 * <ol>
 * <li>stage the part in a temporary table (one multi-row INSERT);</li>
 * <li>lock the rows that already hold these remote ids ({@code SELECT ... FOR UPDATE}): from here until the
 *     part commits no other writer (the API, an export storing a remote id) changes them;</li>
 * <li>decide per row, in SQL: {@code W} write it (to the row holding its remote id, else under the upstream id
 *     when that id is free), {@code K} keep the local row (it has change-log entries or an open sync failure,
 *     or - comments - its post was deleted here), {@code R} relocate (its id is taken by another row);</li>
 * <li>{@code INSERT ... SELECT} the W rows {@code ON DUPLICATE KEY UPDATE}, refreshing a row only if it holds
 *     the same remote id: a row created meanwhile under that id is left alone;</li>
 * <li>read back the K and R rows (usually none).</li>
 * </ol>
 * The R rows are returned, not written: {@link Relocations} inserts them with new AUTO_INCREMENT ids when the
 * step has written everything else, so that a new id cannot take an upstream id a later chunk brings (one
 * moved record would push the next one, and so on). The decision reads the change log and the failures after
 * the rows are locked, so an edit committed while the step runs is seen; an edit that comes later waits for
 * the part's commit and then applies on top.
 */
final class GuardedUpsert<T> {

    /** The statements for one table; the staging table's columns are {@code item} (the part's index) first. */
    record Statements(String createStage, String clearStage, String stage, String lockMatched, String decide,
                      String write, String decided, String relocate) {
    }

    /** Binds an item's columns from parameter {@code first} on. */
    @FunctionalInterface
    interface Columns<T> {
        void bind(PreparedStatement ps, int first, T item) throws SQLException;
    }

    /** What a chunk's write left: how many records local work kept out, and the records to relocate. */
    record Outcome<T>(int kept, List<T> relocations) {
    }

    private final JdbcTemplate jdbc;
    private final CaptureSuppression capture;
    private final TransactionTemplate ownTransaction;
    private final ChunkParts parts;
    private final Statements sql;
    private final ToLongFunction<T> remoteId;
    private final Columns<T> staged;
    private final Columns<T> relocated;

    GuardedUpsert(JdbcTemplate jdbc, CaptureSuppression capture, PlatformTransactionManager transactionManager,
                  ChunkParts parts, Statements sql, ToLongFunction<T> remoteId, Columns<T> staged, Columns<T> relocated) {
        this.jdbc = jdbc;
        this.capture = capture;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.parts = parts;
        this.sql = sql;
        this.remoteId = remoteId;
        this.staged = staged;
        this.relocated = relocated;
    }

    /** The SQL condition "the row {@code localId} has local work the remote has not accepted". */
    static String localWork(EntityKind kind, String localId) {
        return "(EXISTS (SELECT 1 FROM change_log c WHERE c.entity = '" + kind.name() + "' AND c.entity_id = " + localId + ")"
                + " OR EXISTS (SELECT 1 FROM sync_failure f WHERE f.entity = '" + kind.name() + "' AND f.entity_id = "
                + localId + " AND f.requeued_at IS NULL))";
    }

    /**
     * The SQL condition "the record with remote id {@code remoteId} was deleted here and the remote has not
     * accepted that yet": a DELETE in the change log or an open failed DELETE whose payload names that remote id.
     * For a record with no row here, whose last local id need not be its remote id. Scans the deletions, so it
     * is meant for the few records that have no row.
     */
    static String deletedHere(EntityKind kind, String remoteId) {
        String names = "JSON_CONTAINS(%s.payload, CAST(" + remoteId + " AS CHAR), '$.remoteId')";
        return "(EXISTS (SELECT 1 FROM change_log d WHERE d.entity = '" + kind.name() + "' AND d.op = 'DELETE' AND "
                + names.formatted("d") + ")"
                + " OR EXISTS (SELECT 1 FROM sync_failure g WHERE g.entity = '" + kind.name() + "' AND g.op = 'DELETE'"
                + " AND g.requeued_at IS NULL AND " + names.formatted("g") + "))";
    }

    /** Writes the items but those local work keeps out and those to relocate. */
    Outcome<T> write(List<? extends T> items) {
        List<T> all = List.copyOf(items);
        List<Outcome<T>> outcomes = parts.write(all, remoteId,
                part -> ownTransaction.execute(status -> capture.call(() -> writePart(part))));
        int kept = 0;
        List<T> relocations = new ArrayList<>();
        for (Outcome<T> outcome : outcomes) {
            kept += outcome.kept();
            relocations.addAll(outcome.relocations());
        }
        return new Outcome<>(kept, relocations);
    }

    /** Inserts upstream records whose id is taken here under new ids; one that is here by now is refreshed. */
    void relocate(List<T> items) {
        ownTransaction.executeWithoutResult(status -> capture.run(() -> jdbc.batchUpdate(sql.relocate(), items,
                items.size(), (ps, item) -> relocated.bind(ps, 1, item))));
    }

    private Outcome<T> writePart(List<T> part) {
        jdbc.execute(sql.createStage());
        jdbc.update(sql.clearStage());
        jdbc.batchUpdate(sql.stage(), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ps.setInt(1, i);
                staged.bind(ps, 2, part.get(i));
            }

            @Override
            public int getBatchSize() {
                return part.size();
            }
        });
        jdbc.query(sql.lockMatched(), rs -> { });
        jdbc.update(sql.decide());
        jdbc.update(sql.write());
        int[] kept = {0};
        List<T> relocations = new ArrayList<>();
        jdbc.query(sql.decided(), rs -> {
            if ("R".equals(rs.getString(2))) {
                relocations.add(part.get(rs.getInt(1)));
            } else {
                kept[0]++;
            }
        });
        return new Outcome<>(kept[0], relocations);
    }
}
