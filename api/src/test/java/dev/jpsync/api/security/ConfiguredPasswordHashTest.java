package dev.jpsync.api.security;

import static dev.jpsync.api.TestUsers.EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;

import dev.jpsync.api.TestUsers;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * The configured bcrypt hashes are what every login is checked against, also after the first login: Spring
 * Security would otherwise "upgrade" a hash of a lower cost than its default (10) in memory at the first login,
 * so that each later request of that user pays for a cost-10 hash whatever the operator configured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseTestDatabase
class ConfiguredPasswordHashTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDetailsService users;

    @Test
    void aLoginKeepsTheConfiguredHash() {
        String configured = users.loadUserByUsername(EDITOR).getPassword();
        assertThat(configured).startsWith("{bcrypt}$2a$04$"); // the test users' cost, see application.properties

        assertThat(new TestUsers(port).get("/posts/1", EDITOR).statusCode()).as("logged in").isNotIn(401, 403);

        assertThat(users.loadUserByUsername(EDITOR).getPassword()).isEqualTo(configured);
    }
}
