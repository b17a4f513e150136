package dev.jpsync.api.web;

import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.jpsync.domain.ListQuery;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the answer to a {@link Listing}: its headers, then the records as a JSON array, each record written as
 * the database hands it over. Only one record is in memory at a time, so a listing of a whole table needs no more
 * memory than a page (the JSON is the same as Spring's converter writes for a list: same mapper).
 */
@Component
public class ListingAnswers {

    private final ObjectWriter writer;

    public ListingAnswers(JsonMapper json) {
        // the array is flushed by the servlet container's buffer, not after each record
        this.writer = json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    /**
     * @param forEach hands each record the query selects to a consumer, in order
     * @param count   how many records match the query's filters (asked only for a sliced list)
     * @param json    a record as the API shows it
     */
    public <R, J> void write(Listing listing, BiConsumer<ListQuery, Consumer<R>> forEach,
                             ToLongFunction<ListQuery> count, Function<R, J> json, HttpServletResponse response)
            throws IOException {
        HttpHeaders headers = new HttpHeaders();
        if (listing.sliced()) {
            long total = count.applyAsLong(listing.query());
            headers = listing.headers(total, listing.itemCount(total), ServletUriComponentsBuilder.fromCurrentRequest());
        }
        response.setStatus(HttpServletResponse.SC_OK);
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (SequenceWriter array = writer.writeValuesAsArray(response.getOutputStream())) {
            forEach.accept(listing.query(), record -> array.write(json.apply(record)));
        }
    }
}
