package dev.jpsync.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The API's Spring Data JPA repositories ({@code Posts}, {@code Comments}) open no transaction of their own.
 * Every write runs in its editor's transaction ({@code PostEditor}, {@code CommentEditor}), where it locks and
 * checks the row; a read by id ({@code readById}) is one SELECT that needs none. The default, a read-only
 * transaction around each inherited method, would wrap a GET's one SELECT in five more statements (read-only on,
 * autocommit off, commit, autocommit on, read-only off); {@code ReadRoundTripsTest} counts them.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.jpsync.api", enableDefaultTransactions = false)
class JpaConfiguration {
}
