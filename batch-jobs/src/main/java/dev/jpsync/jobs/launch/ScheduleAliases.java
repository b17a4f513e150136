package dev.jpsync.jobs.launch;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The export schedule's older names, {@code sync.export.scheduled} and {@code sync.export.interval}, set
 * {@code sync.schedule.export.enabled} and {@code .fixed-delay} when those are not given themselves, and
 * {@code sync.verify.cron} sets {@code sync.schedule.verify.cron}. Only given
 * values are copied, so that the defaults of {@link ScheduleProperties} apply otherwise.
 */
public class ScheduleAliases implements EnvironmentPostProcessor {

    static final Map<String, String> ALIASES = Map.of(
            "sync.export.scheduled", "sync.schedule.export.enabled",
            "sync.export.interval", "sync.schedule.export.fixed-delay",
            "sync.verify.cron", "sync.schedule.verify.cron");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        apply(env);
    }

    static void apply(ConfigurableEnvironment env) {
        Map<String, Object> copied = new LinkedHashMap<>();
        ALIASES.forEach((alias, name) -> {
            String value = env.getProperty(alias);
            if (value != null && !env.containsProperty(name)) {
                copied.put(name, value);
            }
        });
        if (!copied.isEmpty()) {
            env.getPropertySources().addLast(new MapPropertySource("scheduleAliases", copied));
        }
    }
}
