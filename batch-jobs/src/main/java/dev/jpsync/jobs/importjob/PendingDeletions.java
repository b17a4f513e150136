package dev.jpsync.jobs.importjob;

import java.util.function.LongConsumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import dev.jpsync.domain.EntityKind;

/**
 * The remote ids of records deleted here whose deletion the remote has not accepted yet: a DELETE in the change
 * log, or an open failed DELETE, whose payload names the remote id. The import must not bring these back.
 */
final class PendingDeletions {

    private PendingDeletions() {
    }

    static void remoteIds(JdbcTemplate jdbc, EntityKind kind, LongConsumer each) {
        jdbc.query("""
                SELECT JSON_EXTRACT(payload, '$.remoteId') FROM change_log WHERE entity = ? AND op = 'DELETE'
                UNION ALL
                SELECT JSON_EXTRACT(payload, '$.remoteId') FROM sync_failure
                WHERE entity = ? AND op = 'DELETE' AND requeued_at IS NULL""", numbers(each), kind.name(), kind.name());
    }

    /** Passes on the first column's whole numbers; a NULL or a JSON null ("null", no remote id yet) is none. */
    static RowCallbackHandler numbers(LongConsumer each) {
        return rs -> {
            String id = rs.getString(1);
            if (id != null && !id.isEmpty() && id.chars().allMatch(Character::isDigit)) {
                each.accept(Long.parseLong(id));
            }
        };
    }
}
