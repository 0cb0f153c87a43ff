package org.creditnode.store;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Small sets of codes kept in one text column, comma separated, in their order. */
final class CommaSets {
    private CommaSets() {
    }

    static String join(Set<String> values) {
        return String.join(",", values);
    }

    static Set<String> split(String s) {
        return s == null || s.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(s.split(",")));
    }
}
