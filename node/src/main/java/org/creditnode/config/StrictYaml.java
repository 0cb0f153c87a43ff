package org.creditnode.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one reader of every file an operator edits (node configuration, catalogue, regions,
 * holidays): a misspelt or unknown key and a key given twice stop the node, and every error says
 * {@code file:line:column} and what to fix — never a silently ignored setting.
 */
public final class StrictYaml {
    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private StrictYaml() {
    }

    public static <T> T read(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            T value = MAPPER.readValue(in, type);
            if (value == null) throw new ConfigException(file + ": the file is empty");
            return value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(file, e), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Text that arrived otherwise than as a file (a measure list in a signed record): the same
     * strict reading, errors named after {@code source}.
     */
    public static <T> T readText(String text, String source, Class<T> type) {
        try {
            T value = MAPPER.readValue(text, type);
            if (value == null) throw new ConfigException(source + ": empty");
            return value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(Path.of(source), e), e);
        }
    }

    /** A file whose top level must be a mapping. */
    public static JsonNode readTree(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode tree = MAPPER.readTree(in);
            if (tree == null || !tree.isObject()) throw new ConfigException(file + ":1:1: expected a YAML mapping at the top");
            return tree;
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(file, e), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** {@code file:line:column: what}, with the keys that would have been right where one was wrong. */
    static String describe(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return where + ": unknown key \"" + u.getPropertyName() + "\" in " + path(u) + "; the keys here are " + known;
        }
        String msg = e.getOriginalMessage();
        if (msg != null && msg.startsWith("Duplicate field")) {
            return where + ": " + msg.replace("Duplicate field", "key given twice:") + "; keep one";
        }
        return where + ": " + (msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg));
    }

    private static String path(UnrecognizedPropertyException u) {
        StringBuilder sb = new StringBuilder();
        for (var ref : u.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        String p = sb.toString();
        int last = p.lastIndexOf('.');
        return last < 0 ? "the top level" : p.substring(0, last);
    }

    /**
     * Where {@code text} occurs in the file for the {@code occurrence}-th time (1-based), as
     * {@code file:line:column}, for errors found after parsing (a duplicate link id, two equal ports).
     */
    public static String locate(Path file, String text, int occurrence) {
        try {
            List<String> lines = Files.readAllLines(file);
            int seen = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int hash = line.indexOf('#');
                String code = hash < 0 ? line : line.substring(0, hash);
                int from = 0;
                int col;
                while ((col = code.indexOf(text, from)) >= 0) {
                    if (++seen == occurrence) return file + ":" + (i + 1) + ":" + (col + 1);
                    from = col + 1;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the message still names the file
        }
        return String.valueOf(file);
    }
}
