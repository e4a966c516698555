package org.schoolcontacts;

/**
 * Points Logback at the server's own configuration (logs on standard error, Jetty and pools quiet)
 * unless the application embedding the server has one: the server jar ships no {@code logback.xml},
 * so it never overrides the logging of a user's test project.
 */
final class LoggingDefaults {
    private LoggingDefaults() {}

    static void apply() {
        if (System.getProperty("logback.configurationFile") != null) return;
        ClassLoader cl = LoggingDefaults.class.getClassLoader();
        if (cl.getResource("logback-test.xml") != null || cl.getResource("logback.xml") != null) return;
        System.setProperty("logback.configurationFile", "school-contacts-logback.xml");
    }
}
