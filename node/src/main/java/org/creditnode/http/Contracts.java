package org.creditnode.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI documents, written first (src/main/resources/openapi*.json) and served as they are. */
public final class Contracts {
    private Contracts() {
    }

    /** A contract from the classpath; the build fails its tests if one is missing. */
    public static byte[] load(String resource) {
        try (InputStream in = Contracts.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the build");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
