package org.schoolcontacts.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Credentials a caller presents (the admin token, a console session, a secret) are compared in
 * constant time: no source file compares the Authorization header or an admin token with
 * {@code equals}, and every file that reads the Authorization header compares with
 * {@code MessageDigest.isEqual}.
 */
class SecretComparisonGuardTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PLAIN_COMPARE = Pattern.compile(
            "(adminToken|\"Bearer \"|Authorization\"\\))[^;]*\\.equals(IgnoreCase)?\\(|\\.equals(IgnoreCase)?\\([^;]*(adminToken|\"Bearer \")");

    @Test
    void presentedCredentialsAreComparedInConstantTime() throws IOException {
        List<String> plain = new ArrayList<>();
        List<String> readersWithoutIsEqual = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                String[] lines = text.split("\n");
                for (int i = 0; i < lines.length; i++) {
                    if (PLAIN_COMPARE.matcher(lines[i]).find()) plain.add(f + ":" + (i + 1) + ": " + lines[i].trim());
                }
                if (text.contains("header(\"Authorization\")") && !text.contains("MessageDigest.isEqual")) readersWithoutIsEqual.add(f.toString());
            }
        }
        assertThat(plain).as("credentials compared with equals").isEmpty();
        assertThat(readersWithoutIsEqual).as("files reading Authorization without MessageDigest.isEqual").isEmpty();
    }
}
