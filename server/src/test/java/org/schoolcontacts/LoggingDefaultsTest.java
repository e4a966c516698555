package org.schoolcontacts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LoggingDefaultsTest {

    @Test
    void theCodedConfigurationSaysWhatTheShippedXmlSays() throws Exception {
        LoggerContext coded = new LoggerContext();
        assertThat(new LoggingDefaults().configure(coded)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        LoggerContext xml = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(xml);
        joran.doConfigure(LoggingDefaults.class.getClassLoader().getResource("school-contacts-logback.xml"));
        try {
            assertThat(describe(coded)).isEqualTo(describe(xml)).isNotEmpty();
            // the XML's shutdown hook is LoggingDefaults.stopAtExit(), which the command line calls
            assertThat(xml.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD)).isNotNull();
            assertThat(coded.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD)).isNull();
            assertThat(coded.getObject(LoggingDefaults.CONFIGURED_HERE)).isEqualTo(Boolean.TRUE);
        } finally {
            Runtime.getRuntime().removeShutdownHook((Thread) xml.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD));
            coded.stop();
            xml.stop();
        }
    }

    @Test
    void logbackFindsTheConfigurationAsAService() {
        List<String> found = new ArrayList<>();
        ServiceLoader.load(Configurator.class, LoggingDefaults.class.getClassLoader()).forEach(c -> found.add(c.getClass().getName()));
        assertThat(found).contains(LoggingDefaults.class.getName());
    }

    @Test
    void anApplicationsOwnConfigurationFileWins() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "their-logback.xml");
        LoggerContext c = new LoggerContext();
        try {
            assertThat(new LoggingDefaults().configure(c)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(c.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        } finally {
            if (before == null) System.clearProperty("logback.configurationFile");
            else System.setProperty("logback.configurationFile", before);
            c.stop();
        }
    }

    /** Every configured logger with its level, additivity and appenders, each appender with what matters. */
    private static List<String> describe(LoggerContext c) {
        List<String> out = new ArrayList<>();
        for (Logger l : c.getLoggerList()) {
            if (l.getLevel() == null && !l.iteratorForAppenders().hasNext()) continue;
            out.add(l.getName() + " " + l.getLevel() + " additive=" + l.isAdditive());
            for (Iterator<Appender<ILoggingEvent>> it = l.iteratorForAppenders(); it.hasNext(); ) out.add("  " + appender(it.next()));
        }
        return out;
    }

    private static String appender(Appender<ILoggingEvent> a) {
        if (a instanceof AsyncAppender async) {
            List<String> inner = new ArrayList<>();
            async.iteratorForAppenders().forEachRemaining(i -> inner.add(appender(i)));
            return "async " + a.getName() + " queue=" + async.getQueueSize() + " discard=" + async.getDiscardingThreshold() + " " + inner;
        }
        if (a instanceof ConsoleAppender<ILoggingEvent> console) {
            return "console " + a.getName() + " " + console.getTarget() + " " + ((PatternLayoutEncoder) console.getEncoder()).getPattern();
        }
        return a.getClass().getName() + " " + a.getName();
    }
}
