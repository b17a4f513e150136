package dev.jpsync.jobs.importjob;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.SqlLists;

/**
 * Writes upstream records into their table without ever overwriting local work, with a fixed number of
 * statements per part of a chunk, whatever its size (no statement per row). Each part runs in a transaction of
 * its own (READ COMMITTED, so that no gap locks make parallel parts wait for each other; capture off):
 * <ol>
 * <li>lock the rows that already hold these remote ids ({@code SELECT ... FOR UPDATE}): from here until the
 *     part commits no other writer (the API, an export storing a remote id) changes them;</li>
 * <li>read, after the locks, what decides each record ({@link PartState}): which rows hold the ids the other
 *     records would take, which of these rows have change-log entries or an open sync failure, which remote
 *     ids were deleted here, and (comments) which posts are here, locking them in share mode;</li>
 * <li>decide per record, in Java ({@link PartState#decide}): write it, keep the local row, or relocate it;</li>
 * <li>write: the records no row holds by {@link BulkInsert} ({@code LOAD DATA LOCAL INFILE}); the others, and
 *     all of them when the load did not take every row as given, by a batched upsert
 *     ({@code INSERT ... ON DUPLICATE KEY UPDATE}, multi-row), which refreshes a row only if it holds the same
 *     remote id: a row created meanwhile under that id is left alone.</li>
 * </ol>
 * The records to relocate are returned, not written: {@link Relocations} inserts them with new AUTO_INCREMENT
 * ids when the step has written everything else, so that a new id cannot take an upstream id a later chunk
 * brings (one moved record would push the next one, and so on). The reads come after the rows are locked, so an
 * edit committed while the step runs is seen; an edit that comes later waits for the part's commit and then
 * applies on top.
 */
final class GuardedUpsert<T> {

    /**
     * One table: its records' columns, {@code id} and {@code remote_id} first, and the statement that relocates
     * one. {@code parentTable} is the table whose local id the records carry ({@code posts} for comments), or null.
     */
    record Statements(EntityKind kind, String table, String parentTable, List<String> columns, String relocate) {

        Statements {
            if (!columns.subList(0, 2).equals(List.of("id", "remote_id"))) {
                throw new IllegalArgumentException("the columns start with id and remote_id: " + columns);
            }
        }

        /** {@code (id, remote_id, ...)} */
        String columnList() {
            return "(" + String.join(", ", columns) + ")";
        }

        /** The upsert: inserts a row, or refreshes the row with its id only if that row holds the same remote id. */
        String upsert() {
            return "INSERT INTO " + table + " " + columnList() + " VALUES (" + SqlLists.placeholders(columns.size()) + ")"
                    + " ON DUPLICATE KEY UPDATE " + String.join(", ", columns.subList(2, columns.size()).stream()
                    .map(c -> c + " = IF(" + table + ".remote_id <=> VALUES(remote_id), VALUES(" + c + "), " + table + "." + c + ")")
                    .toList());
        }
    }

    /** A record to write, as the values of {@link Statements#columns}: its local id, its remote id, the rest. */
    @FunctionalInterface
    interface Row<T> {
        Object[] values(T item, long localId, Long parentId);
    }

    /** Binds an item's columns from parameter {@code first} on. */
    @FunctionalInterface
    interface Columns<T> {
        void bind(PreparedStatement ps, int first, T item) throws SQLException;
    }

    /** What a chunk's write left: how many records local work kept out, and the records to relocate. */
    record Outcome<T>(int kept, List<T> relocations) {
    }

    private record Write<T>(T item, long localId, Long parentId, boolean newRow) {
    }

    private final JdbcTemplate jdbc;
    private final BulkInsert bulk;
    private final CaptureSuppression capture;
    private final TransactionTemplate ownTransaction;
    private final ChunkParts parts;
    private final Statements sql;
    private final ToLongFunction<T> remoteId;
    private final Function<T, Long> parentRemoteId;
    private final Row<T> written;
    private final Columns<T> relocated;

    /** @param parentRemoteId the parent's remote id of a record; {@code item -> null} for a table without a parent */
    GuardedUpsert(JdbcTemplate jdbc, BulkInsert bulk, CaptureSuppression capture, PlatformTransactionManager transactionManager,
                  ChunkParts parts, Statements sql, ToLongFunction<T> remoteId, Function<T, Long> parentRemoteId,
                  Row<T> written, Columns<T> relocated) {
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.capture = capture;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.parts = parts;
        this.sql = sql;
        this.remoteId = remoteId;
        this.parentRemoteId = parentRemoteId;
        this.written = written;
        this.relocated = relocated;
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
        PartState state = readState(part);
        List<Write<T>> writes = new ArrayList<>(part.size());
        List<T> relocations = new ArrayList<>();
        int kept = 0;
        for (T item : part) {
            PartState.Decision decision = state.decide(remoteId.applyAsLong(item), parentRemoteId.apply(item));
            switch (decision.action()) {
                case WRITE -> writes.add(new Write<>(item, decision.localId(), decision.parentId(), decision.newRow()));
                case KEEP -> kept++;
                case RELOCATE -> relocations.add(item);
            }
        }
        upsert(bulkInsert(writes));
        return new Outcome<>(kept, relocations);
    }

    /**
     * Inserts the new rows (no row holds their id or remote id) by bulk load, if the database allows it and
     * took every row as given; returns what is left to upsert. A record twice in the part is upserted, in order.
     */
    private List<Write<T>> bulkInsert(List<Write<T>> writes) {
        long[] ids = writes.stream().filter(Write::newRow).mapToLong(Write::localId).sorted().toArray();
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] == ids[i - 1]) {
                return writes; // the same record twice: the upsert writes both, the later one last
            }
        }
        TsvRows rows = new TsvRows();
        List<Write<T>> rest = new ArrayList<>();
        for (Write<T> write : writes) {
            if (write.newRow()) {
                rows.add(written.values(write.item(), write.localId(), write.parentId()));
            } else {
                rest.add(write);
            }
        }
        return bulk.load(sql.table(), sql.columnList(), rows, sql.parentTable() != null) ? rest : writes;
    }

    private void upsert(List<Write<T>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(sql.upsert(), writes, writes.size(), (ps, write) -> {
            Object[] values = written.values(write.item(), write.localId(), write.parentId());
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
        });
    }

    /** Locks the rows holding the part's remote ids, then reads what the decisions need. */
    private PartState readState(List<T> part) {
        List<Long> remoteIds = part.stream().map(remoteId::applyAsLong).distinct().toList();
        Map<Long, Long> matched = new HashMap<>();
        forEachRow("SELECT remote_id, id FROM " + sql.table() + " WHERE %s FOR UPDATE", "remote_id", remoteIds,
                rs -> matched.put(rs.getLong(1), rs.getLong(2)));
        List<Long> unmatched = remoteIds.stream().filter(id -> !matched.containsKey(id)).toList();
        Set<Long> taken = new HashSet<>();
        forEachRow("SELECT id FROM " + sql.table() + " WHERE %s", "id", unmatched, rs -> taken.add(rs.getLong(1)));
        List<Long> localIds = new ArrayList<>(matched.values());
        localIds.addAll(unmatched);
        Set<Long> withLocalWork = new HashSet<>();
        RowCallbackHandler work = rs -> withLocalWork.add(rs.getLong(1));
        String entity = sql.kind().name();
        forEachRow("SELECT DISTINCT entity_id FROM change_log WHERE entity = ? AND %s", "entity_id", localIds, work, entity);
        forEachRow("SELECT entity_id FROM sync_failure WHERE entity = ? AND requeued_at IS NULL AND %s", "entity_id",
                localIds, work, entity);
        Set<Long> deletedHere = new HashSet<>();
        if (!unmatched.isEmpty()) {
            PendingDeletions.remoteIds(jdbc, sql.kind(), deletedHere::add);
        }
        Map<Long, Long> parents = null;
        if (sql.parentTable() != null) {
            Map<Long, Long> found = new HashMap<>();
            // shared locks: no parent goes away before the part commits, so the bulk load need not check them
            forEachRow("SELECT remote_id, id FROM " + sql.parentTable() + " WHERE %s LOCK IN SHARE MODE", "remote_id",
                    part.stream().map(parentRemoteId).distinct().toList(), rs -> found.put(rs.getLong(1), rs.getLong(2)));
            parents = found;
        }
        return new PartState(matched, taken, withLocalWork, deletedHere, parents);
    }

    /**
     * Runs {@code select}, whose {@code %s} is a condition on {@code column}, for the rows whose column holds one of
     * the ids; {@code row} sees only those (the column must be the first selected). Ids close together, as upstream
     * ids in a chunk are, take one range ({@code BETWEEN}, at most twice as wide as there are ids; rows between
     * them are read, and locked by a {@code FOR UPDATE}, but not passed on); others take {@code IN} lists of
     * {@value SqlLists#BATCH}. An {@code IN} list of a thousand ids costs the driver and the server far more.
     */
    private void forEachRow(String select, String column, List<Long> ids, RowCallbackHandler row, Object... leading) {
        if (ids.isEmpty()) {
            return;
        }
        long min = ids.stream().mapToLong(Long::longValue).min().getAsLong();
        long max = ids.stream().mapToLong(Long::longValue).max().getAsLong();
        if (max - min < 2L * ids.size()) {
            Set<Long> wanted = new HashSet<>(ids);
            List<Object> params = new ArrayList<>(List.of(leading));
            params.add(min);
            params.add(max);
            jdbc.query(select.formatted(column + " BETWEEN ? AND ?"), (RowCallbackHandler) rs -> {
                if (wanted.contains(rs.getLong(1))) {
                    row.processRow(rs);
                }
            }, params.toArray());
            return;
        }
        for (List<Long> batch : SqlLists.partition(ids)) {
            List<Object> params = new ArrayList<>(List.of(leading));
            params.addAll(batch);
            jdbc.query(select.formatted(column + " IN (" + SqlLists.placeholders(batch.size()) + ")"), row, params.toArray());
        }
    }
}
