package dev.jpsync.api.security;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a request is a state change a browser made on behalf of another site. Credentials here are HTTP Basic,
 * which a browser that once answered the Basic prompt attaches to every request to this origin, including one
 * that a page on another site makes it send: that is the attack (CSRF without cookies). Browsers say where a
 * request comes from ({@code Sec-Fetch-Site} since 2020, {@code Origin} on every non-GET fetch and form POST);
 * clients that send neither (curl, other services) are not browsers acting for someone and pass.
 */
final class CrossSiteRequests {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private CrossSiteRequests() {
    }

    /**
     * @param method       the request's HTTP method
     * @param secFetchSite the {@code Sec-Fetch-Site} header, or null
     * @param origin       the {@code Origin} header, or null
     * @param self         this service's origin as the request addressed it (scheme, host, port)
     * @return why the request is refused, or empty when it may go on
     */
    static Optional<String> refusal(String method, String secFetchSite, String origin, URI self) {
        if (isSafe(method)) {
            return Optional.empty();
        }
        if (secFetchSite != null && secFetchSite.trim().equalsIgnoreCase("cross-site")) {
            return Optional.of("The browser marked this " + method + " as sent by a page of another site "
                    + "(Sec-Fetch-Site: cross-site); state changes are accepted only from this service's own pages "
                    + "or from clients outside a browser.");
        }
        if (origin != null && !sameOrigin(origin.trim(), self)) {
            return Optional.of("This " + method + " comes from a page of " + origin + ", not from " + originOf(self)
                    + "; state changes are accepted only from this service's own pages or from clients outside "
                    + "a browser.");
        }
        return Optional.empty();
    }

    /** GET, HEAD, OPTIONS and TRACE: methods that change no state. */
    static boolean isSafe(String method) {
        return SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
    }

    private static boolean sameOrigin(String origin, URI self) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false; // "null" (sandboxed frames, file:) and anything unparsable are not us
        }
        return uri.getScheme() != null && uri.getHost() != null
                && uri.getScheme().equalsIgnoreCase(self.getScheme())
                && uri.getHost().equalsIgnoreCase(self.getHost())
                && port(uri) == port(self);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String originOf(URI self) {
        return self.getScheme() + "://" + self.getHost() + (self.getPort() == -1 ? "" : ":" + self.getPort());
    }
}
