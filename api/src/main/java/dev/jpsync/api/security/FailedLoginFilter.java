package dev.jpsync.api.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Throttles guessing: a request with credentials from an address that has spent its failed-login budget
 * ({@link FailedLoginBudget}) answers 429 with {@code Retry-After} before its password is hashed; a request
 * with credentials that ends in 401 counts as a failed login. Requests without credentials are not affected.
 */
class FailedLoginFilter extends OncePerRequestFilter {

    private final FailedLoginBudget budget;
    private final ProblemResponses problems;

    FailedLoginFilter(FailedLoginBudget budget, ProblemResponses problems) {
        this.budget = budget;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Optional<Duration> wait = budget.waitBeforeNextAttempt(address, System.nanoTime());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            problems.tooManyFailedLogins(request, response, seconds);
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            budget.failed(address, System.nanoTime());
        }
    }
}
