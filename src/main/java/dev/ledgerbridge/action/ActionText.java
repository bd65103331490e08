package dev.ledgerbridge.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Text the queue stores with its actions: payloads as JSON, messages cut to fit their column. */
final class ActionText {
    static final ObjectMapper JSON = new ObjectMapper();

    private ActionText() {
    }

    static String json(Map<String, ?> payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
