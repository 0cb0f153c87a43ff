package org.creditnode.api;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The signing certificates this node knows, by key id: its own, and later those of other origins. */
public interface CertificateBook {
    /** Leaf first, then intermediates (and the root, if known). */
    Optional<List<X509Certificate>> chainFor(String keyId);
}
