package dev.jpsync.api;

import java.util.Optional;

import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import jakarta.persistence.EntityManagerFactory;

/**
 * The body of a repository fragment that reads one record by id through a Hibernate {@link StatelessSession}: one
 * SELECT on a connection of its own, no persistence context, nothing to flush or close but the session. A GET by
 * id is the API's hottest path, and a full {@code EntityManager} per read (what {@code findById} opens outside a
 * transaction: created, proxied, closed) was about 8% of its JFR samples. The record comes back detached, so this
 * is for answering reads only: called inside a transaction it would not see that transaction's own writes, and it
 * refuses.
 */
public abstract class StatelessReads<T> {

    private final SessionFactory sessions;
    private final Class<T> type;

    protected StatelessReads(EntityManagerFactory entityManagerFactory, Class<T> type) {
        this.sessions = entityManagerFactory.unwrap(SessionFactory.class);
        this.type = type;
    }

    /** The record with this id as committed now, or empty. */
    public Optional<T> readById(long id) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("readById answers reads outside a transaction; inside one, use the "
                    + "repository's transactional reads (it would not see the transaction's own writes)");
        }
        try (StatelessSession session = sessions.openStatelessSession()) {
            return Optional.ofNullable(session.get(type, id));
        }
    }
}
