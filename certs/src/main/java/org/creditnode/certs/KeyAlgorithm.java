package org.creditnode.certs;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.util.Locale;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.nist.NISTNamedCurves;

/** Key and signature algorithm of a PKI hierarchy. */
public enum KeyAlgorithm {
    /** SM2 on curve sm2p256v1, certificates and data signed SM3withSM2 (with the GM/T 0009 default user ID). */
    SM2("sm2p256v1", "SM3withSM2", GMNamedCurves.getByName("sm2p256v1").getN()),
    /** NIST P-256, signed SHA256withECDSA. The only choice for TLS: JSSE has no SM2 suites. */
    EC_P256("secp256r1", "SHA256withECDSA", NISTNamedCurves.getByName("P-256").getN());

    private final String curve;
    private final String signatureAlgorithm;
    private final BigInteger order;

    KeyAlgorithm(String curve, String signatureAlgorithm, BigInteger order) {
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
        this.order = order;
    }

    public String curve() { return curve; }

    public String signatureAlgorithm() { return signatureAlgorithm; }

    /** Parses a configuration value such as "SM2", "ec_p256" (case-insensitive, '-' accepted for '_'). */
    public static KeyAlgorithm parse(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("key algorithm missing; expected SM2 or EC_P256");
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown key algorithm '" + s + "'; expected SM2 or EC_P256");
        }
    }

    /**
     * Which algorithm a key belongs to. Both are "EC" keys to the JCA, so the curve (its group
     * order) is what tells SM2 from P-256.
     */
    public static KeyAlgorithm of(Key key) {
        if (key instanceof ECKey ec) {
            BigInteger n = ec.getParams().getOrder();
            for (KeyAlgorithm a : values()) {
                if (a.order.equals(n)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("not an SM2 or P-256 key: " + key.getAlgorithm());
    }
}
