package dev.ledgerbridge.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON output in the API's conventions: money as a string with two decimals, times ISO-8601 with offset. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** Whether a Content-Type header names JSON (application/json, with or without parameters such as charset). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase("application/json");
    }

    static String money(BigDecimal v) {
        return v == null ? null : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A quantity or rate: exact, without trailing zeros. */
    static String decimal(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros().toPlainString();
    }

    static String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        MAPPER.writeValue(resp.getOutputStream(), body);
    }

    static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        Map<String, Object> body = object();
        body.put("error", code);
        body.put("message", message);
        write(resp, status, body);
    }
}
