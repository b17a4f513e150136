package dev.jpsync.jobs.importjob;

import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.domain.EntityKind;

/**
 * The ids of records edited here and not yet exported: they have entries in {@code change_log}. The import
 * keeps the local version of those rather than overwrite an edit the remote has not seen yet.
 * A snapshot taken when a step starts; the change log is small (the export empties it).
 */
final class PendingLocalChanges {

    private final Set<Long> ids;

    private PendingLocalChanges(Set<Long> ids) {
        this.ids = ids;
    }

    static PendingLocalChanges load(JdbcClient jdbc, EntityKind kind) {
        return new PendingLocalChanges(new HashSet<>(jdbc.sql("SELECT DISTINCT entity_id FROM change_log WHERE entity = ?")
                .param(kind.name()).query(Long.class).list()));
    }

    boolean contains(long id) {
        return ids.contains(id);
    }
}
