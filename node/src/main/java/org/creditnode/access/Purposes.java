package org.creditnode.access;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.creditnode.config.ConfigException;
import org.creditnode.config.StrictYaml;
import org.creditnode.record.Catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The purposes an authorised read may name (config/purposes.yaml) and the categories each may see. */
public final class Purposes {
    public record Purpose(String code, String label, Set<String> categories) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class File {
        public Map<String, Entry> purposes = new LinkedHashMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Entry {
        public String label;
        public List<String> categories = List.of();
    }

    private final Map<String, Purpose> byCode;

    public Purposes(Map<String, Purpose> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    /** Reads and checks the file: ASCII codes, a label each, only categories the catalogue knows. */
    public static Purposes load(Path file, Catalogue catalogue) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("purposes file not found: " + file + " (set \"purposes\" in the configuration)");
        }
        File f = StrictYaml.read(file, File.class);
        Map<String, Purpose> out = new LinkedHashMap<>();
        for (var e : f.purposes.entrySet()) {
            String code = e.getKey();
            if (!code.matches("[A-Z][A-Z0-9_]{1,39}")) {
                throw new ConfigException(file + ": purpose " + code + ": codes are upper-case ASCII, e.g. ADMIN_APPROVAL");
            }
            Entry v = e.getValue();
            if (v == null || v.label == null || v.label.isBlank()) {
                throw new ConfigException(file + ": purpose " + code + " needs a label (its Chinese name)");
            }
            for (String c : v.categories) {
                if (catalogue.category(c).isEmpty()) {
                    throw new ConfigException(file + ": purpose " + code + " names category " + c + ", which the catalogue does not have");
                }
            }
            out.put(code, new Purpose(code, v.label, Set.copyOf(v.categories)));
        }
        return new Purposes(out);
    }

    public Optional<Purpose> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public Set<String> codes() { return byCode.keySet(); }

    public java.util.Collection<Purpose> all() { return byCode.values(); }
}
