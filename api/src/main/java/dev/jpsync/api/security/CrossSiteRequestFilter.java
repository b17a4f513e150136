package dev.jpsync.api.security;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses, with 403 problem details and before any credentials are checked, a state change that a browser sends
 * for another site (see {@link CrossSiteRequests}).
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;

    CrossSiteRequestFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    /** Reads cannot change state: they pass without a look at their headers. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return CrossSiteRequests.isSafe(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // scheme, host and port as the client addressed us (Host header; X-Forwarded-* when the server is
        // configured to trust them: server.forward-headers-strategy)
        URI self = URI.create(request.getScheme() + "://" + hostForUri(request.getServerName()) + ":"
                + request.getServerPort());
        Optional<String> refusal = CrossSiteRequests.refusal(request.getMethod(), request.getHeader("Sec-Fetch-Site"),
                request.getHeader("Origin"), self);
        if (refusal.isPresent()) {
            problems.refuse(request, response, "Cross-site request refused", refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
