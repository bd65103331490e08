package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.customer.CustomerQuery;
import dev.ledgerbridge.web.HttpError;
import dev.ledgerbridge.web.Params;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The Customers list's search, sort, filter and page as URL query strings, so every link from the list and back
 * to it keeps them. Templates call it as {@code $list}.
 */
public final class ListLink {
    static final String DEFAULT_ACTIVE = "active";
    private final CustomerQuery q;

    private ListLink(CustomerQuery q) {
        this.q = q;
    }

    static ListLink of(CustomerQuery q) {
        return new ListLink(q);
    }

    /** The list state carried by a request to another page; what is missing or wrong falls back to the default. */
    static ListLink lenient(HttpServletRequest req) {
        try {
            return of(Params.customerQuery(req, DEFAULT_ACTIVE));
        } catch (HttpError e) {
            return of(new CustomerQuery(null, CustomerQuery.Sort.NAME, false, DEFAULT_ACTIVE, 1, Params.DEFAULT_SIZE));
        }
    }

    public CustomerQuery getQuery() {
        return q;
    }

    public String getQ() {
        return q.q() == null ? "" : q.q();
    }

    public String getSort() {
        return q.sortParam();
    }

    public String query() {
        return build(q.q(), q.sortParam(), q.active(), q.page(), q.size());
    }

    public String page(int page) {
        return build(q.q(), q.sortParam(), q.active(), page, q.size());
    }

    public String size(int size) {
        return build(q.q(), q.sortParam(), q.active(), 1, size);
    }

    public String active(String active) {
        return build(q.q(), q.sortParam(), active, 1, q.size());
    }

    /** Sorting by the column; ascending first, the other way when it is already sorted by it ascending. */
    public String sort(String column) {
        String next = q.sortParam().equals(column) ? "-" + column : column;
        return build(q.q(), next, q.active(), 1, q.size());
    }

    /** "ascending", "descending" or "none", for aria-sort. */
    public String ariaSort(String column) {
        String s = q.sortParam();
        return s.equals(column) ? "ascending" : s.equals("-" + column) ? "descending" : "none";
    }

    private static String build(String q, String sort, String active, int page, int size) {
        StringBuilder b = new StringBuilder();
        if (q != null && !q.isEmpty()) {
            b.append("q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8)).append('&');
        }
        b.append("sort=").append(URLEncoder.encode(sort, StandardCharsets.UTF_8));
        b.append("&active=").append(active).append("&page=").append(page).append("&size=").append(size);
        return b.toString();
    }
}
