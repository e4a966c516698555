package org.schoolcontacts;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The plain server start without picocli. picocli's 170-odd classes are compiled for Java 5, so the
 * JVM verifies them the slow old way and cannot put them in a class-data archive; on this kind of
 * machine that is a tenth of the start-up. The common start — nothing but {@code --option value} or
 * {@code --option=value} pairs of {@link Main}'s own options, each at most once — is read here from
 * the same {@link Option} annotations (names, defaults, fallback values), with the same environment
 * variables under them. Anything else (help, version, a subcommand, a short or unknown option, a
 * repeated one, a value that starts with {@code -} or is a subcommand's name) is declined, and picocli parses it as before, so
 * picocli stays the one reader of every other command line and of every error. {@code
 * QuickStartTest} checks that the two agree wherever this one accepts.
 */
final class QuickStart {
    private QuickStart() {}

    /** One option of {@link Main}, from its annotation. */
    private record Opt(Field field, String defaultValue, String fallbackValue) {}

    private static final String NO_DEFAULT = "__no_default_value__";

    /** Main's options by name, in declaration order. */
    private static Map<String, Opt> options() {
        Map<String, Opt> out = new LinkedHashMap<>();
        for (Field f : Main.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o == null) continue;
            if (o.names().length != 1 || f.getType() != String.class) throw new IllegalStateException("QuickStart reads one-name String options only: " + f);
            String fallback = o.arity().isEmpty() ? null : o.fallbackValue();
            out.put(o.names()[0], new Opt(f, NO_DEFAULT.equals(o.defaultValue()) ? null : o.defaultValue(), fallback));
        }
        return out;
    }

    /** The names of Main's subcommands: picocli takes none of them as an option's value. */
    private static Set<String> subcommands() {
        Set<String> out = new HashSet<>();
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) out.add(c.getAnnotation(Command.class).name());
        return out;
    }

    /**
     * A {@link Main} with its options set from {@code args} over {@code env}, or null when the command
     * line is not the plain shape this reads (picocli then parses it).
     */
    static Main parse(String[] args, Map<String, String> env, Supplier<Main> create) {
        Map<String, Opt> options = options();
        Set<String> subcommands = subcommands();
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) return null;
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            Opt opt = options.get(name);
            if (opt == null || given.containsKey(name)) return null;
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (opt.fallbackValue() != null) {
                // an optional value: picocli takes the next argument when it is not an option; leave that to it
                if (i + 1 < args.length && !args[i + 1].startsWith("-")) return null;
                value = opt.fallbackValue();
            } else {
                if (i + 1 >= args.length) return null;
                value = args[++i];
                if (value.startsWith("-") || subcommands.contains(value)) return null;
            }
            given.put(name, value);
        }
        Main main = create.get();
        Set<String> matched = new HashSet<>(given.keySet());
        try {
            for (Map.Entry<String, Opt> e : options.entrySet()) {
                String value = given.get(e.getKey());
                if (value == null) {
                    String fromEnv = env.get(Main.envName(e.getKey()));
                    value = fromEnv == null || fromEnv.isEmpty() ? e.getValue().defaultValue() : fromEnv;
                }
                e.getValue().field().set(main, value);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        main.parsedQuickly(matched);
        return main;
    }
}
