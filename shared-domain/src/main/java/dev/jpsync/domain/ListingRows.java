package dev.jpsync.domain;

import java.sql.ResultSet;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Hands a listing's rows over one at a time, as the database sends them, instead of reading the whole result
 * into a list first: a listing without {@code _limit} reads a whole table, and only a page of it may be in memory
 * at any time. MySQL Connector/J streams a result set row by row when the fetch size is
 * {@link Integer#MIN_VALUE}; the connection is held until the last row was handed over.
 */
@Component
public class ListingRows {

    private final JdbcTemplate streaming;

    public ListingRows(DataSource dataSource) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(Integer.MIN_VALUE);
    }

    <T> void forEach(ListingSql listing, RowMapper<T> mapper, Consumer<? super T> each) {
        int[] rowNum = {0};
        streaming.query(listing.sql(), (ResultSet rs) -> each.accept(mapper.mapRow(rs, rowNum[0]++)),
                listing.params().toArray());
    }
}
