package org.creditnode.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/** The signature algorithms of the protocol's {@code signature.alg} field. */
public enum SignatureAlgorithm {
    SM2_SM3("SM2-SM3", "SM3withSM2", HashAlgorithm.SM3, GMObjectIdentifiers.sm2p256v1),
    ECDSA_P256_SHA256("ECDSA-P256-SHA256", "SHA256withECDSA", HashAlgorithm.SHA256, SECObjectIdentifiers.secp256r1);

    /**
     * GM/T 0009 default SM2 user ID. Set explicitly on every Signature: old BC versions defaulted
     * to an empty ID, and OpenSSL 3 dgst does unless given {@code -sigopt distid:1234567812345678}.
     */
    public static final String SM2_DEFAULT_ID = "1234567812345678";

    private static final byte[] SM2_ID = SM2_DEFAULT_ID.getBytes(StandardCharsets.US_ASCII);

    private final String wireName;
    private final String jcaName;
    private final HashAlgorithm hash;
    private final ASN1ObjectIdentifier curve;

    SignatureAlgorithm(String wireName, String jcaName, HashAlgorithm hash, ASN1ObjectIdentifier curve) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.hash = hash;
        this.curve = curve;
    }

    public String wireName() {
        return wireName;
    }

    public String jcaName() {
        return jcaName;
    }

    /** The record and Merkle hash that goes with this algorithm (SM3 with SM2, SHA-256 with P-256). */
    public HashAlgorithm hashAlgorithm() {
        return hash;
    }

    /** OID of the curve its keys must be on. */
    public String curveOid() {
        return curve.getId();
    }

    /** A fresh, not yet initialised JCA Signature from BC, with the SM2 ID already set. */
    Signature newSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName, Providers.ensure());
        if (this == SM2_SM3) {
            s.setParameter(new SM2ParameterSpec(SM2_ID)); // must precede initSign/initVerify in BC
        }
        return s;
    }

    public static SignatureAlgorithm fromWireName(String name) {
        for (SignatureAlgorithm a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown signature algorithm: " + name);
    }

    /** The algorithm for an EC public key, by its curve (named or explicit parameters). */
    public static SignatureAlgorithm forKey(PublicKey key) {
        byte[] der = key == null ? null : key.getEncoded();
        if (der == null) {
            throw new IllegalArgumentException("key has no X.509 encoding");
        }
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(der);
        return forCurve(spki.getAlgorithm().getAlgorithm(), spki.getAlgorithm().getParameters());
    }

    /** The algorithm for an EC private key, by its curve. */
    public static SignatureAlgorithm forKey(PrivateKey key) {
        byte[] der = key == null ? null : key.getEncoded();
        if (der == null) {
            throw new IllegalArgumentException("key has no PKCS#8 encoding (hardware key?)");
        }
        PrivateKeyInfo pki = PrivateKeyInfo.getInstance(der);
        return forCurve(pki.getPrivateKeyAlgorithm().getAlgorithm(), pki.getPrivateKeyAlgorithm().getParameters());
    }

    /**
     * True when {@code key} is on this algorithm's curve. A private key without an encoding (an
     * HSM/PKCS#11 key) cannot be inspected and is accepted; the token rejects a mismatch itself.
     */
    boolean fits(Key key) {
        if (key instanceof PrivateKey && key.getEncoded() == null) {
            return true;
        }
        try {
            return (key instanceof PublicKey pub ? forKey(pub) : forKey((PrivateKey) key)) == this;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static SignatureAlgorithm forCurve(ASN1ObjectIdentifier keyAlg, ASN1Encodable params) {
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(keyAlg)) {
            throw new IllegalArgumentException("not an EC key: " + keyAlg);
        }
        X962Parameters p = X962Parameters.getInstance(params);
        if (p.isNamedCurve()) {
            ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(p.getParameters());
            for (SignatureAlgorithm a : values()) {
                if (a.curve.equals(oid)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unsupported curve " + oid);
        }
        if (!p.isImplicitlyCA()) { // explicit parameters, e.g. "openssl ... -param_enc explicit"
            X9ECParameters x = X9ECParameters.getInstance(p.getParameters());
            for (SignatureAlgorithm a : values()) {
                X9ECParameters known = ECNamedCurveTable.getByOID(a.curve);
                if (known.getCurve().equals(x.getCurve()) && known.getG().equals(x.getG())
                        && known.getN().equals(x.getN())) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("unsupported EC parameters");
    }
}
