package dev.jpsync.api.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import io.micrometer.observation.ObservationPredicate;

import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what. Reading posts and comments and {@code GET /actuator/health} (the status alone, see
 * {@link HealthStatusOnlyFilter}) are open; writing posts and comments needs EDITOR; job control, sync failures
 * and the other actuator endpoints need OPERATOR. HTTP Basic, stateless (no session, so no CSRF token: nothing
 * rides on a cookie); a state change a browser sends for another site is refused all the same
 * ({@link CrossSiteRequestFilter}), since a browser that answered the Basic prompt once attaches those
 * credentials by itself, and an address that keeps failing to log in is throttled ({@link FailedLoginFilter}).
 * Refusals are problem details. The dashboard's static files at {@code /} are open; the data they show is not.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ServiceUsersProperties.class, FailedLoginProperties.class})
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String GENERATED_USER = "admin";

    /** The operations dashboard (static/): the page, its script and style; nothing else under / is open. */
    static final String[] DASHBOARD_FILES = {"/", "/index.html", "/dashboard.js", "/dashboard.css", "/favicon.ico"};

    private static final String EDITOR = Role.EDITOR.name();
    private static final String OPERATOR = Role.OPERATOR.name();

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper json, FailedLoginProperties failedLogins)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        FailedLoginBudget budget = new FailedLoginBudget(failedLogins.burst(), failedLogins.refillEvery(),
                failedLogins.maxAddresses());
        http
                .authorizeHttpRequests(requests -> requests
                        // errors and forwards are answered for a request that was already let through
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        // the anonymous reads first: rules are tried in order and they are nearly every request, so
                        // they match at the first path pattern (no other rule's paths overlap theirs)
                        .requestMatchers(HttpMethod.GET, "/posts", "/posts/**", "/comments", "/comments/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/posts", "/posts/**", "/comments", "/comments/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").hasRole(OPERATOR)
                        .requestMatchers("/jobs", "/jobs/**", "/sync/**").hasRole(OPERATOR)
                        .requestMatchers("/posts", "/posts/**", "/comments", "/comments/**").hasRole(EDITOR)
                        // the dashboard's own files hold no data; the page asks for credentials for the API
                        .requestMatchers(HttpMethod.GET, DASHBOARD_FILES).permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems))
                // before any credentials are checked: a cross-site state change is refused as it is
                .addFilterBefore(new CrossSiteRequestFilter(problems), BasicAuthenticationFilter.class)
                // each wrong password costs a bcrypt hash: an address that keeps failing waits instead
                .addFilterBefore(new FailedLoginFilter(budget, problems), BasicAuthenticationFilter.class)
                .addFilterAfter(new HealthStatusOnlyFilter(json), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /**
     * Spring Security observes each of its ~12 filters (events that each look up a counter) and every authorization
     * decision: Micrometer fell from 23% to 7% of the JFR samples of GET /posts/1 without them. http.server.requests
     * still times every request; authentications (logins) stay observed. A predicate rather than Boot's
     * {@code management.observations.enable.*}, which walks the name's prefixes for every observation made.
     */
    @Bean
    ObservationPredicate securityFiltersUnobserved() {
        return (name, context) -> !name.startsWith("spring.security.filterchains")
                && !name.startsWith("spring.security.authorizations");
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(ServiceUsersProperties properties, PasswordEncoder encoder) {
        if (properties.users().isEmpty()) {
            return new InMemoryUserDetailsManager(generatedAdmin(encoder));
        }
        List<UserDetails> users = properties.users().stream()
                .map(user -> User.withUsername(user.name())
                        .password(user.passwordHash())
                        .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
                        .build())
                .toList();
        // not the manager itself: Spring Security would "upgrade" a configured hash of a cost below its default
        // (10) in memory at the first login, and every later request of that user would pay a cost-10 hash
        return new InMemoryUserDetailsManager(users)::loadUserByUsername;
    }

    /** No users configured: an admin with a password nobody else knows, told once, here. */
    private static UserDetails generatedAdmin(PasswordEncoder encoder) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        log.warn("""

                No users configured (sync.security.users): generated a password for user '{}' with roles EDITOR \
                and OPERATOR, valid until this process stops:

                    {}

                Configure users with bcrypt hashes to replace it (see README, Operations).
                """, GENERATED_USER, password);
        return User.withUsername(GENERATED_USER).password(encoder.encode(password)).roles(EDITOR, OPERATOR).build();
    }
}
