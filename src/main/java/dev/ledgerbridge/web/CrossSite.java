package dev.ledgerbridge.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

/**
 * Whether a browser sent a request on behalf of a page of another site (cross-site request forgery): the one test
 * the admin pages' forms and the JSON API share.
 */
public final class CrossSite {
    private CrossSite() {
    }

    /**
     * True when the request's Origin is not this server (compared with the Host it was sent to), or, when it carries
     * no Origin, its Sec-Fetch-Site says cross-site. Programs that send neither (curl, scripts) are not refused.
     */
    public static boolean refused(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        if (origin != null && !origin.isEmpty()) {
            try {
                String authority = URI.create(origin).getRawAuthority();
                return authority == null || !authority.equalsIgnoreCase(req.getHeader("Host"));
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
        return "cross-site".equalsIgnoreCase(req.getHeader("Sec-Fetch-Site"));
    }
}
