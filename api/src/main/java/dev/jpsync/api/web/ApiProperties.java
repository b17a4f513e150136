package dev.jpsync.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Settings of the REST API ({@code sync.api.*}).
 *
 * @param maxBodySize request bodies above this size are refused with 413 before they are parsed
 */
@Validated
@ConfigurationProperties("sync.api")
public record ApiProperties(@DefaultValue("1MB") @NotNull DataSize maxBodySize) {
}
