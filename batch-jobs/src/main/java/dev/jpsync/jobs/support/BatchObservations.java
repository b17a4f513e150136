package dev.jpsync.jobs.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.observation.ObservationPredicate;

/**
 * Which of Spring Batch's observations are made. Jobs, steps and chunk writes are; the items a step reads and
 * processes ({@code spring.batch.item.*}) are not: two observations per record were a third of the import's own
 * time outside its writes (bench/import-throughput.sh). A predicate rather than
 * {@code management.observations.enable.spring.batch.item=false}: Boot's property is looked up by walking the
 * name's prefixes on every observation, twice per record, 7% of the import's reading thread; this is one
 * {@code startsWith}.
 */
@Configuration(proxyBeanMethods = false)
public class BatchObservations {

    @Bean
    ObservationPredicate batchItemsUnobserved() {
        return (name, context) -> !name.startsWith("spring.batch.item.");
    }
}
