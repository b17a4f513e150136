package dev.jpsync.domain;

/**
 * The entries one export run may process: ids up to {@code upToId}, the highest change-log id visible when
 * the run started. Entries written later wait for the next run. An id at or below the bound is not
 * necessarily processed: an entry whose transaction commits after the run read the window stays for the
 * next run (see {@code V20__export_outcome.sql}).
 */
public record ChangeWindow(long upToId) {

    public ChangeWindow {
        if (upToId < 0) {
            throw new IllegalArgumentException("window bound must not be negative: " + upToId);
        }
    }

    public boolean isEmpty() {
        return upToId == 0;
    }
}
