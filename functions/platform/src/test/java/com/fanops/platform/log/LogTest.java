package com.fanops.platform.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fanops.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        Log.redirect(System.out);
        Log.clearContext();
    }

    @Test
    void eachLineIsOneJsonObjectWithCorrelationIdAndNeverSensitiveValues() throws Exception {
        Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Log.setCorrelationId("corr-1");
        Log.get(LogTest.class).info("signed up", "memberId", "m-1", "email", new Sensitive("li.lei@example.com"), "count", 3);
        Log.get(LogTest.class).error("failed", new IllegalStateException("x\ny"), "step", "store");
        String[] lines = captured.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(2, lines.length);
        JsonNode first = Json.mapper().readTree(lines[0]);
        assertEquals("corr-1", first.path("correlationId").asText());
        assertEquals("***", first.path("email").asText());
        assertEquals(3, first.path("count").asInt());
        assertFalse(lines[0].contains("li.lei"));
        assertEquals("java.lang.IllegalStateException", Json.mapper().readTree(lines[1]).path("errorType").asText());
    }

    @Test
    void maskKeepsOnlyTheEnds() {
        assertEquals("l***m", Log.mask("li.lei@example.com"));
        assertEquals("***", Log.mask("ab"));
    }
}
