package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A customer's browser on the public card page: its own cookies, the form's token, no login. */
final class CardPage {
    static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/pay/card/[A-Za-z0-9_-]{43}");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static final String GOOD_CARD = "4111111111111111";
    /** The sandbox refuses to save this one ("Expired card"). */
    static final String REFUSED_CARD = "4000000000000069";

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String link;
    String csrf;

    CardPage(String link) {
        this.link = link;
    }

    /** The one card-page link in a message's text. */
    static String linkIn(String text) {
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as("a card-page link in:\n" + text).isTrue();
        String found = m.group();
        assertThat(m.find()).as("only one link").isFalse();
        return found;
    }

    HttpResponse<String> get() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(link)).GET().build());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    /** Posts the form with a card expiring in three years, the token of the last page, and acceptance ticked. */
    HttpResponse<String> submit(String number) {
        return post(List.of("number", number, "expMonth", "12", "expYear", Integer.toString(Year.now().getValue() + 3),
                "name", "Ann Smith", "postalCode", "12345", "accept", "yes", "csrf", csrf == null ? "" : csrf));
    }

    HttpResponse<String> post(List<String> fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.size(); i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields.get(i), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields.get(i + 1), StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
