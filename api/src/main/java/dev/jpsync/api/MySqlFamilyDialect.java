package dev.jpsync.api;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.lock.internal.MariaDBLockingSupport;
import org.hibernate.dialect.lock.spi.LockingSupport;

/**
 * Hibernate's MySQL dialect, with row locks written {@code FOR UPDATE} rather than {@code FOR UPDATE OF alias}:
 * the service runs on MySQL 8.4 and on MariaDB (the embedded database), and MariaDB knows only the plain form.
 * Named in the configuration because detection cannot work here: Connector/J's keyword lookup fails on
 * MariaDB, and without it Hibernate reads no connection metadata at all.
 */
public class MySqlFamilyDialect extends MySQLDialect {

    private static final LockingSupport PLAIN_ROW_LOCKS = new MariaDBLockingSupport(DatabaseVersion.make(10, 6));

    public MySqlFamilyDialect() {
        super(DatabaseVersion.make(8, 0));
    }

    @Override
    public LockingSupport getLockingSupport() {
        return PLAIN_ROW_LOCKS;
    }

    @Override
    protected boolean supportsAliasLocks() {
        return false;
    }
}
