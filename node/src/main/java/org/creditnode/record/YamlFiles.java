package org.creditnode.record;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.config.StrictYaml;

import java.nio.file.Path;

/** Reading of the operator-edited YAML files of the catalogue area, through the one strict reader. */
final class YamlFiles {

    private YamlFiles() {
    }

    static <T> T read(Path file, Class<T> type) {
        return StrictYaml.read(file, type);
    }

    static JsonNode readTree(Path file) {
        return StrictYaml.readTree(file);
    }
}
