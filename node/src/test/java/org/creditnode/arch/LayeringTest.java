package org.creditnode.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependency rule of the data's path: the domain (record checks, signing primitives) knows
 * nothing of transport or storage; storage knows nothing of who calls it; the ingest use case
 * knows nothing of HTTP or the federation. Checked on the sources' imports and qualified names,
 * so a new dependency in the wrong direction fails the build.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "creditnode");
    private static final Pattern USE = Pattern.compile("org\\.creditnode\\.(\\w+)\\.[A-Z]");

    /** package → the project packages it may use (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "sign", Set.of(),
            "record", Set.of("config"),
            "config", Set.of(),
            "store", Set.of("config"),
            "route", Set.of("config", "record"),
            "ingest", Set.of("config", "record", "sign", "store"),
            "broker", Set.of());

    @Test
    void dependenciesPointAlongTheDataPathOnly() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (var rule : ALLOWED.entrySet()) {
            Path dir = MAIN.resolve(rule.getKey());
            assertTrue(Files.isDirectory(dir), "package folder " + dir + " exists");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    checked++;
                    Matcher m = USE.matcher(Files.readString(f));
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(rule.getKey()) && !used.equals("certs") && !rule.getValue().contains(used)) {
                            violations.add(f.getFileName() + " (" + rule.getKey() + ") uses " + used);
                        }
                    }
                }
            }
        }
        assertTrue(checked > 30, "found the sources (" + checked + " files)");
        assertEquals(List.of(), violations.stream().distinct().toList());
    }
}
