package dev.jpsync.jobs.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * ScheduleAliases maps {@code sync.export.scheduled}/{@code sync.export.interval} onto the one export schedule;
 * {@code sync.schedule.export.*} wins when both are given, and ScheduleProperties' own defaults fill the rest.
 */
class ScheduleAliasesTest {

    @Test
    void defaultsAreOnEvery60sFirstAfter60s() throws IOException {
        ScheduleProperties.JobSchedule export = bind(Map.of()).export();
        assertThat(export.enabled()).isTrue();
        assertThat(export.fixedDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(export.initialDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(export.job()).isEqualTo("exportJob");
        assertThat(export.hasCron()).isFalse();
        ScheduleProperties.JobSchedule importJob = bind(Map.of()).importJob();
        assertThat(importJob.enabled()).isFalse();
        assertThat(importJob.fixedDelay()).isEqualTo(Duration.ofHours(24));
        assertThat(importJob.job()).isEqualTo("importJob");
    }

    @Test
    void theExportJobsOldNamesSetTheSchedule() throws IOException {
        ScheduleProperties.JobSchedule export = bind(Map.of(
                "sync.export.scheduled", "false", "sync.export.interval", "15s")).export();
        assertThat(export.enabled()).isFalse();
        assertThat(export.fixedDelay()).isEqualTo(Duration.ofSeconds(15));
        assertThat(export.initialDelay()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theScheduleNamesWinOverTheAliases() throws IOException {
        ScheduleProperties.JobSchedule export = bind(Map.of(
                "sync.export.scheduled", "false", "sync.export.interval", "15s",
                "sync.schedule.export.enabled", "true", "sync.schedule.export.fixed-delay", "5s",
                "sync.schedule.export.initial-delay", "1s")).export();
        assertThat(export.enabled()).isTrue();
        assertThat(export.fixedDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(export.initialDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theVerifyScheduleIsOffUntilSyncVerifyCronIsGiven() throws IOException {
        ScheduleProperties.JobSchedule off = bind(Map.of()).verify();
        assertThat(off.enabled()).isFalse();
        assertThat(off.job()).isEqualTo("verifyJob");

        ScheduleProperties.JobSchedule on = bind(Map.of("sync.verify.cron", "0 0 3 * * *")).verify();
        assertThat(on.enabled()).isTrue();
        assertThat(on.hasCron()).isTrue();
        assertThat(on.cron()).isEqualTo("0 0 3 * * *");
    }

    private static ScheduleProperties bind(Map<String, Object> given) throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("defaults", new ClassPathResource("jpsync-defaults.yml"))
                .forEach(env.getPropertySources()::addLast);
        env.getPropertySources().addFirst(new MapPropertySource("given", given));
        ScheduleAliases.apply(env);
        return Binder.get(env).bindOrCreate("sync.schedule", ScheduleProperties.class);
    }
}
