package dev.jpsync.jobs.verifyjob;

import java.util.List;

/**
 * The outcome of comparing one record: its kind and, for {@link DriftKind#DIFFERS} (and a pending record that
 * differs), the fields that differ.
 */
public record Drift(DriftKind kind, List<String> fields) {

    public Drift {
        fields = List.copyOf(fields);
    }
}
