package dev.ledgerbridge.web;

import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.customer.CustomerQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/** Request parameters read the same way by the JSON API and the admin pages, with errors that say what to send. */
public final class Params {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    public static final int MAX_QUERY = 200;
    public static final List<String> ACTIVE_FILTERS = List.of("all", "active", "inactive");

    private Params() {
    }

    /** A whole number between min and max, or dflt when absent. */
    public static int intParam(HttpServletRequest req, String name, int dflt, int min, int max) throws HttpError {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(name + " must be a whole number");
        }
        if (n < min || n > max) {
            throw HttpError.badRequest(name + " must be between " + min + " and " + max);
        }
        return n;
    }

    /**
     * The customer list's q, sort ("name", "-balance" ...), active, page and size parameters. Pages count from 1;
     * size is 1 to {@value #MAX_SIZE}.
     */
    public static CustomerQuery customerQuery(HttpServletRequest req, String defaultActive) throws HttpError {
        int page = intParam(req, "page", 1, 1, Integer.MAX_VALUE / MAX_SIZE);
        int size = intParam(req, "size", DEFAULT_SIZE, 1, MAX_SIZE);
        String sortParam = Optional.ofNullable(req.getParameter("sort")).filter(s -> !s.isBlank()).orElse("name").trim();
        boolean desc = sortParam.startsWith("-");
        CustomerQuery.Sort sort;
        try {
            sort = CustomerQuery.Sort.parse(desc ? sortParam.substring(1) : sortParam);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("sort: " + e.getMessage());
        }
        String active = Optional.ofNullable(req.getParameter("active")).filter(s -> !s.isBlank()).orElse(defaultActive);
        if (!ACTIVE_FILTERS.contains(active)) {
            throw HttpError.badRequest("active must be all, active or inactive");
        }
        String q = req.getParameter("q");
        if (q != null && q.length() > MAX_QUERY) {
            throw HttpError.badRequest("q must be at most " + MAX_QUERY + " characters");
        }
        return new CustomerQuery(q == null || q.isBlank() ? null : q.trim(), sort, desc, active, page, size);
    }

    /** The company named by an id in the path; 404 when there is none. */
    public static Company company(CompanyService companies, String id) throws HttpError {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw HttpError.notFound("No company with id " + id);
        }
        return companies.company(n).orElseThrow(() -> HttpError.notFound("No company with id " + id));
    }
}
