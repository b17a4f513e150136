package dev.jpsync.api.web;

import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.jpsync.api.problems.FirstImportRunningException;
import dev.jpsync.jobs.importjob.FirstImport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses writes to posts and comments while the first import runs: a record created then would take an id
 * that upstream also uses. The import would keep it and give upstream's record another id, but then
 * {@code GET /posts/{id}} here would differ from upstream for that record. Reads are answered meanwhile.
 */
final class FirstImportGuard implements HandlerInterceptor {

    private final FirstImport firstImport;

    FirstImportGuard(FirstImport firstImport) {
        this.firstImport = firstImport;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        boolean write = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
                || method == HttpMethod.DELETE;
        if (write && firstImport.isRunning()) {
            throw new FirstImportRunningException();
        }
        return true;
    }
}
