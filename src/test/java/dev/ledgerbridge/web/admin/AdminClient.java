package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client for the admin pages: keeps cookies, finds CSRF tokens in pages, never follows redirects. */
final class AdminClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    String csrf;

    AdminClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in through the form; returns the sign-in response (303 on success) and learns the session's CSRF token. */
    HttpResponse<String> login(String username, String password) {
        return loginFrom(List.of(), username, password);
    }

    /** Signs in through the form, the post carrying the given headers (name, value, ...). */
    HttpResponse<String> loginFrom(List<String> headers, String username, String password) {
        HttpResponse<String> form = get("/admin/login");
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher m = CSRF.matcher(form.body());
        assertThat(m.find()).as("the sign-in form has a CSRF token").isTrue();
        HttpResponse<String> r = postRaw("/admin/login", headers, List.of("username", username, "password", password,
                "csrf", m.group(1)));
        if (r.statusCode() == 303) {
            follow(r);
        }
        return r;
    }

    AdminClient signedIn(String username, String password) {
        assertThat(login(username, password).statusCode()).as("sign-in of " + username).isEqualTo(303);
        assertThat(csrf).as("a page after sign-in carries a CSRF token").isNotNull();
        return this;
    }

    /** Follows redirects from a response until a page; returns that page. */
    HttpResponse<String> follow(HttpResponse<String> r) {
        int hops = 0;
        while (r.statusCode() / 100 == 3 && hops++ < 5) {
            String location = r.headers().firstValue("Location").orElseThrow();
            r = get(location.startsWith("http") ? URI.create(location).getRawPath()
                    + (URI.create(location).getRawQuery() == null ? "" : "?" + URI.create(location).getRawQuery())
                    : location);
        }
        return r;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** A form post with the CSRF token of the last page seen (unless the fields name their own). */
    HttpResponse<String> post(String path, String... namesAndValues) {
        List<String> fields = new ArrayList<>(List.of(namesAndValues));
        if (!fields.contains("csrf") && csrf != null) {
            fields.add("csrf");
            fields.add(csrf);
        }
        return postRaw(path, fields);
    }

    /** A form post with the CSRF token of the last page seen, carrying the given headers (name, value, ...). */
    HttpResponse<String> postFrom(String path, List<String> headers, String... namesAndValues) {
        List<String> fields = new ArrayList<>(List.of(namesAndValues));
        fields.add("csrf");
        fields.add(csrf);
        return postRaw(path, headers, fields);
    }

    HttpResponse<String> postRaw(String path, List<String> fields) {
        return postRaw(path, List.of(), fields);
    }

    HttpResponse<String> postRaw(String path, List<String> headers, List<String> fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.size(); i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields.get(i), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields.get(i + 1), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
            remember(resp);
            return resp;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void remember(HttpResponse<String> r) {
        Matcher m = CSRF.matcher(r.body());
        if (m.find() && !r.uri().getPath().equals("/admin/login")) {
            csrf = m.group(1);
        }
    }

    /** The body of a 200 answer, failing with the status and body otherwise. */
    String page(String path) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
