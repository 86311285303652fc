package dev.bitquark.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

class JsonConsoleLogsTest {

    @Test
    void switchesConsoleHandlersEvenWhenWrapped() {
        Logger root = LogContext.create().getLogger("");
        ConsoleHandler direct = new ConsoleHandler(new PatternFormatter("%s%n"));
        ConsoleHandler wrapped = new ConsoleHandler(new PatternFormatter("%s%n"));
        AsyncHandler async = new AsyncHandler();
        async.addHandler(wrapped);
        root.addHandler(direct);
        root.addHandler(async);

        assertEquals(2, JsonConsoleLogs.apply(root));
        assertInstanceOf(JsonFormatter.class, direct.getFormatter());
        assertInstanceOf(JsonFormatter.class, wrapped.getFormatter());

        String line = direct.getFormatter().format(new LogRecord(Level.INFO, "hello \"json\""));
        JsonObject parsed = new JsonObject(line.strip());
        assertEquals("hello \"json\"", parsed.getString("message"));
        assertTrue(parsed.containsKey("timestamp"), line);
        async.close();
    }
}
