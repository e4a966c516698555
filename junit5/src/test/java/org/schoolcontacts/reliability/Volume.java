package org.schoolcontacts.reliability;

/**
 * How much the reliability suites do. {@code ./mvnw verify} runs the short version of each (seconds);
 * {@code ./mvnw verify -Plong} sets {@code -Dreliability.volume=long} and runs the long version. Single
 * figures can be overridden, e.g. {@code -Dreliability.fuzz.requests=20000}.
 */
public final class Volume {
    public static final boolean LONG = "long".equals(System.getProperty("reliability.volume", "short"));

    private Volume() {}

    /** The short or the long figure, unless {@code -Dreliability.<name>} gives one. */
    public static int of(String name, int shortRun, int longRun) {
        String given = System.getProperty("reliability." + name);
        if (given != null && !given.isBlank()) return Integer.parseInt(given.trim());
        return LONG ? longRun : shortRun;
    }

    public static String describe() { return LONG ? "long" : "short"; }
}
