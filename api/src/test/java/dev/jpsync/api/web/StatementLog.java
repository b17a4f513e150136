package dev.jpsync.api.web;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Message;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

/**
 * Connector/J's own record of every statement it sends, the ones it adds itself included (a test names it with the
 * {@code queryInterceptors} connection property). Tests read it to count a request's round trips to the database.
 */
public class StatementLog implements QueryInterceptor {

    static final List<String> SENT = new CopyOnWriteArrayList<>();

    @Override
    public QueryInterceptor init(MysqlConnection conn, Properties props, Log log) {
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
        SENT.add(sql.get());
        return null;
    }

    @Override
    public boolean executeTopLevelOnly() {
        return false;
    }

    @Override
    public void destroy() {
    }

    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet,
            ServerSession serverSession) {
        return null;
    }

    @Override
    public <M extends Message> M preProcess(M queryPacket) {
        return null;
    }

    @Override
    public <M extends Message> M postProcess(M queryPacket, M originalResponsePacket) {
        return null;
    }
}
