package org.schoolcontacts;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging set-up, found by Logback as a {@link Configurator} service: logs on standard
 * error (standard output carries only the readiness line and credentials), the request log written by a
 * thread of its own, Jetty, Javalin and the pools quiet.
 *
 * <p>It steps aside whenever the application embedding the server configures Logback itself (a
 * {@code logback.configurationFile} property, or a {@code logback-test.xml} or {@code logback.xml} on the
 * class path): the server jar then never overrides the logging of a user's test project. Built in code
 * rather than read from XML because Logback's XML configurator and the JDK's XML parser were a quarter
 * of a second of every start-up; {@code school-contacts-logback.xml} beside it says the same in XML for
 * anyone who wants a file to start from, and a test keeps the two equal.
 */
public final class LoggingDefaults extends ContextAwareBase implements Configurator {
    /** The request log's logger: one line per WeCom call. */
    public static final String REQUEST_LOGGER = "school-contacts.requests";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} %msg%n";
    static final int REQUEST_QUEUE = 8192;

    /** Marks a context this class configured. */
    static final String CONFIGURED_HERE = "school-contacts.logging-defaults";

    /**
     * Stops Logback when the JVM exits, after the request log's thread has written what it queued. The
     * command-line server calls it; it is not part of {@link #configure}, because Logback finds this
     * class in every JVM that has the jar on its class path (a build tool running a check in-process
     * would get a hook that runs after its class loader is gone).
     */
    public static void stopAtExit() {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        if (context.getObject(CONFIGURED_HERE) == null || context.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD) != null) return;
        DefaultShutdownHook hook = new DefaultShutdownHook();
        hook.setContext(context);
        Thread hookThread = new Thread(hook, "Logback shutdown hook [" + context.getName() + "]");
        context.putObject(CoreConstants.SHUTDOWN_HOOK_THREAD, hookThread);
        Runtime.getRuntime().addShutdownHook(hookThread);
    }

    /** Logback's own rule for "the user has a configuration": then this class does nothing. */
    static boolean userConfigured(ClassLoader cl) {
        return System.getProperty("logback.configurationFile") != null
                || cl.getResource("logback-test.xml") != null || cl.getResource("logback.xml") != null;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfigured(LoggingDefaults.class.getClassLoader())) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        context.putObject(CONFIGURED_HERE, Boolean.TRUE);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        // A request only queues its line instead of every request thread taking turns on standard error's
        // lock and flush. Nothing is dropped (discarding threshold 0): a full queue makes requests wait,
        // as writing directly would.
        AsyncAppender requests = new AsyncAppender();
        requests.setContext(context);
        requests.setName("REQUESTS");
        requests.setQueueSize(REQUEST_QUEUE);
        requests.setDiscardingThreshold(0);
        requests.addAppender(stderr);
        requests.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        Logger requestLog = context.getLogger(REQUEST_LOGGER);
        requestLog.setLevel(Level.INFO);
        requestLog.setAdditive(false);
        requestLog.addAppender(requests);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        // a store that cannot be opened is reported in one line by Main; the pool and driver would add a
        // stack trace and warnings
        context.getLogger("com.zaxxer.hikari.pool.HikariPool").setLevel(Level.OFF);
        context.getLogger("org.mariadb.jdbc").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
