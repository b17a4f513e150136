package dev.jpsync.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import dev.jpsync.jobs.SyncJobsApplication;

/** The service: REST API, job control and schedules in one process, over the shared database. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"dev.jpsync.domain", "dev.jpsync.jobs", "dev.jpsync.api"}, excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        // the command-line runner of batch-jobs is another application, not a part of this one
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = SyncJobsApplication.class)})
public class SyncServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SyncServiceApplication.class, args);
    }
}
