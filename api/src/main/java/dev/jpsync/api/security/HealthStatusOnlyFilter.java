package dev.jpsync.api.security;

import java.io.IOException;
import java.util.Map;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /actuator/health} and its groups answer everyone but an OPERATOR with the status alone,
 * {@code {"status":"UP"}}. {@code show-details: when-authorized} hides the components' details already, but
 * Actuator still lists the group names on the root and a custom status's description (the remote's) on a group;
 * what a load balancer needs is the status and the HTTP code, both kept.
 */
class HealthStatusOnlyFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    HealthStatusOnlyFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"GET".equals(request.getMethod())
                || !(path.equals("/actuator/health") || path.startsWith("/actuator/health/"))
                || request.isUserInRole(Role.OPERATOR.name());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        JsonNode health = parse(answer.getContentAsByteArray());
        if (health == null || !health.path("status").isString()) {
            answer.copyBodyToResponse(); // not a health answer (404 of an unknown group, a problem detail)
            return;
        }
        byte[] statusOnly = json.writeValueAsBytes(Map.of("status", health.get("status").asString()));
        answer.resetBuffer();
        response.setContentLength(statusOnly.length);
        response.getOutputStream().write(statusOnly);
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
