package dev.jpsync.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossSiteRequestsTest {

    private static final URI SELF = URI.create("http://localhost:8080");

    @ParameterizedTest(name = "{0} Sec-Fetch-Site={1} Origin={2}: refused={3}")
    @CsvSource(nullValues = "-", value = {
            // clients outside a browser send neither header
            "POST,   -,           -,                       false",
            "DELETE, -,           -,                       false",
            // the service's own pages
            "POST,   same-origin, http://localhost:8080,   false",
            "PUT,    -,           http://LOCALHOST:8080,   false",
            "PATCH,  none,        -,                       false", // typed into the address bar, a bookmark
            // another site
            "POST,   cross-site,  -,                       true",
            "DELETE, Cross-Site,  http://localhost:8080,   true",
            "POST,   -,           http://evil.example,     true",
            "POST,   same-site,   http://localhost:8081,   true", // another port is another origin
            "PUT,    -,           https://localhost:8080,  true",
            "PATCH,  -,           null,                    true", // sandboxed frame, file: page
            "DELETE, -,           not a url,               true",
            // reading changes nothing: never refused here
            "GET,    cross-site,  http://evil.example,     false",
            "HEAD,   cross-site,  http://evil.example,     false",
            "OPTIONS, cross-site, http://evil.example,     false",
    })
    void refusesStateChangesFromOtherSitesOnly(String method, String secFetchSite, String origin, boolean refused) {
        assertThat(CrossSiteRequests.refusal(method, secFetchSite, origin, SELF).isPresent()).isEqualTo(refused);
    }

    @ParameterizedTest
    @CsvSource({"http://example.com:80, http://example.com", "https://example.com:443, https://example.com"})
    void aDefaultPortMatchesAnOriginWithout(String self, String origin) {
        assertThat(CrossSiteRequests.refusal("POST", null, origin, URI.create(self))).isEmpty();
    }
}
