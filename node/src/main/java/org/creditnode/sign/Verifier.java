package org.creditnode.sign;

import java.security.PublicKey;
import java.security.Signature;

/** Signature verification that answers yes or no; malformed input is a "no", never an exception. */
public final class Verifier {

    static {
        Providers.ensure();
    }

    private Verifier() {
    }

    /**
     * True if {@code derSignature} (DER SEQUENCE{r, s}) is a valid {@code algorithm} signature of
     * {@code data} by {@code key}. A key on the wrong curve for the algorithm is rejected.
     */
    public static boolean verify(SignatureAlgorithm algorithm, PublicKey key, byte[] data, byte[] derSignature) {
        if (algorithm == null || key == null || data == null || derSignature == null || !algorithm.fits(key)) {
            return false;
        }
        try {
            Signature s = algorithm.newSignature();
            s.initVerify(key);
            s.update(data);
            return s.verify(derSignature);
        } catch (Exception e) { // SignatureException, bad DER (runtime in some BC paths), bad key
            return false;
        }
    }
}
