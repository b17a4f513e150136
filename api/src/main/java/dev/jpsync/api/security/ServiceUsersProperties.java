package dev.jpsync.api.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The users of the service ({@code sync.security.users[i].*}; environment
 * {@code SYNC_SECURITY_USERS_0_NAME}, {@code SYNC_SECURITY_USERS_0_PASSWORD_HASH},
 * {@code SYNC_SECURITY_USERS_0_ROLES=EDITOR,OPERATOR}). Passwords are given only as bcrypt hashes with
 * Spring Security's id prefix, e.g. {@code {bcrypt}$2a$10$...}. With no users configured the service makes up
 * an {@code admin} with a random password (see {@link SecurityConfiguration}).
 *
 * @param users who may sign in; none by default (then the generated {@code admin})
 */
@Validated
@ConfigurationProperties("sync.security")
public record ServiceUsersProperties(@Valid @NotNull @DefaultValue List<User> users) {

    /**
     * @param name         the HTTP Basic user name
     * @param passwordHash {@code {bcrypt}} followed by a bcrypt hash ({@code htpasswd -bnBC 10 "" secret},
     *                     or Spring's {@code BCryptPasswordEncoder})
     * @param roles        EDITOR and/or OPERATOR; may be empty (read-only, like anonymous)
     */
    public record User(
            @NotBlank String name,
            @NotNull @Pattern(regexp = "\\{bcrypt}\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}",
                    message = "must be a bcrypt hash prefixed with {bcrypt}") String passwordHash,
            @NotNull @DefaultValue List<@NotNull Role> roles) {
    }
}
