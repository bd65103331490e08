package dev.ledgerbridge;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while it is open, captured by a Logback {@link ListAppender} on the root logger, with the
 * named loggers turned up to the given level. The root's other appenders (the console) are set aside meanwhile so
 * the raised levels do not flood the build output; closing restores appenders and levels.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
    private final List<Appender<ILoggingEvent>> setAside = new ArrayList<>();

    private LogCapture(Level level, String... loggerNames) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        with(level, loggerNames);
        appender.setContext(context);
        appender.setName("log-capture");
        appender.start();
        root.iteratorForAppenders().forEachRemaining(setAside::add);
        setAside.forEach(root::detachAppender);
        root.addAppender(appender);
    }

    /** Starts capturing, with {@code loggerNames} (and their children) set to {@code level} meanwhile. */
    public static LogCapture start(Level level, String... loggerNames) {
        return new LogCapture(level, loggerNames);
    }

    /** Also sets {@code loggerNames} to {@code level} until closed. */
    public LogCapture with(Level level, String... loggerNames) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : loggerNames) {
            Logger logger = context.getLogger(name);
            previousLevels.putIfAbsent(logger, logger.getLevel());
            logger.setLevel(level);
        }
        return this;
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /**
     * Every piece of text each event carries: the raw message, the formatted message, each argument, and the
     * message and stack trace of an attached exception and its causes.
     */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : events()) {
            out.add(e.getLoggerName() + ": " + e.getMessage());
            out.add(e.getFormattedMessage());
            if (e.getArgumentArray() != null) {
                for (Object a : e.getArgumentArray()) {
                    out.add(String.valueOf(a));
                }
            }
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                out.add(t.getClassName() + ": " + t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    out.add(frame.getSTEAsString());
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        setAside.forEach(root::addAppender);
        previousLevels.forEach(Logger::setLevel);
    }
}
