package com.fanops.platform.log;

import com.fanops.platform.config.Env;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Instant;

/**
 * Structured JSON logs, one object per line on stdout, with the correlation id of the request in hand.
 * Own code on Jackson's streaming writer: log4j2/logback (which Powertools logging needs) add hundreds
 * of milliseconds to a Lambda cold start. Values of type {@link Sensitive} are never written.
 */
public final class Log {

    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Level THRESHOLD = Level.valueOf(Env.optional("LOG_LEVEL", "INFO").toUpperCase(java.util.Locale.ROOT));
    private static final String FUNCTION = Env.optional("AWS_LAMBDA_FUNCTION_NAME", null);
    private static final ThreadLocal<String> CORRELATION = new ThreadLocal<>();
    private static volatile PrintStream out = System.out;

    private final String logger;

    private Log(String logger) {
        this.logger = logger;
    }

    public static Log get(Class<?> type) {
        return new Log(type.getSimpleName());
    }

    public static void setCorrelationId(String id) {
        CORRELATION.set(id);
    }

    public static String correlationId() {
        return CORRELATION.get();
    }

    public static void clearContext() {
        CORRELATION.remove();
    }

    /** Tests capture lines here. */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    /** Keeps the first and last character of a value and hides the rest. */
    public static String mask(String value) {
        if (value == null || value.length() <= 2) {
            return "***";
        }
        return value.charAt(0) + "***" + value.charAt(value.length() - 1);
    }

    public void debug(String message, Object... keyValues) {
        write(Level.DEBUG, message, null, keyValues);
    }

    public void info(String message, Object... keyValues) {
        write(Level.INFO, message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write(Level.WARN, message, null, keyValues);
    }

    public void error(String message, Object... keyValues) {
        write(Level.ERROR, message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        write(Level.ERROR, message, error, keyValues);
    }

    private void write(Level level, String message, Throwable error, Object[] keyValues) {
        if (level.compareTo(THRESHOLD) < 0) {
            return;
        }
        StringWriter buffer = new StringWriter(160);
        try (JsonGenerator json = FACTORY.createGenerator(buffer)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeStringField("level", level.name());
            json.writeStringField("logger", logger);
            json.writeStringField("message", message);
            if (CORRELATION.get() != null) {
                json.writeStringField("correlationId", CORRELATION.get());
            }
            if (FUNCTION != null) {
                json.writeStringField("function", FUNCTION);
            }
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                String key = String.valueOf(keyValues[i]);
                Object value = keyValues[i + 1];
                if (value == null) {
                    json.writeNullField(key);
                } else if (value instanceof Sensitive) {
                    json.writeStringField(key, "***");
                } else if (value instanceof Number number) {
                    json.writeFieldName(key);
                    json.writeNumber(number.toString());
                } else if (value instanceof Boolean bool) {
                    json.writeBooleanField(key, bool);
                } else {
                    json.writeStringField(key, value.toString());
                }
            }
            if (error != null) {
                json.writeStringField("errorType", error.getClass().getName());
                json.writeStringField("stackTrace", trace(error));
            }
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        out.println(buffer);
    }

    /** The first frames of the error and of each cause: enough to find the line, short enough to read. */
    static String trace(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t == error ? "" : "Caused by: ").append(t.getClass().getName());
            // AWS SDK messages describe the call, not the data; other messages may echo personal data.
            if (t.getClass().getName().startsWith("software.amazon.awssdk.") && t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
            out.append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
        }
        return out.toString();
    }
}
