package dev.jpsync.jobs.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sync.import.on-startup} (default true): the service imports from the remote once, shortly after it
 * starts, when the database holds no posts yet.
 */
@ConfigurationProperties("sync.import")
public record ImportOnStartupProperties(@DefaultValue("true") boolean onStartup) {
}
