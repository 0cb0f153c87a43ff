package org.creditnode.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignerVerifierTest {

    private static final byte[] DATA = "{\"subject\":\"91350100M000100Y43\"}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signVerifyAndRejectTampering(SignatureAlgorithm alg) {
        KeyPair kp = TestKeys.generate(alg);
        Signer signer = new Signer(alg, kp.getPrivate(), "node-1#2026");
        byte[] sig = signer.sign(DATA);
        assertTrue(Verifier.verify(alg, kp.getPublic(), DATA, sig));
        // DER SEQUENCE{r, s}
        ASN1Sequence seq = ASN1Sequence.getInstance(sig);
        assertEquals(2, seq.size());
        assertTrue(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue().signum() > 0);

        byte[] other = DATA.clone();
        other[3] ^= 1;
        assertFalse(Verifier.verify(alg, kp.getPublic(), other, sig));
        assertFalse(Verifier.verify(alg, TestKeys.generate(alg).getPublic(), DATA, sig));
        byte[] badSig = sig.clone();
        badSig[badSig.length - 1] ^= 1;
        assertFalse(Verifier.verify(alg, kp.getPublic(), DATA, badSig));
        // malformed signatures: false, never an exception
        assertFalse(Verifier.verify(alg, kp.getPublic(), DATA, new byte[0]));
        assertFalse(Verifier.verify(alg, kp.getPublic(), DATA, new byte[] {0x30, 0x7f, 1, 2}));
        assertFalse(Verifier.verify(alg, kp.getPublic(), DATA, new byte[64]));
        assertFalse(Verifier.verify(alg, kp.getPublic(), DATA, null));
        assertFalse(Verifier.verify(alg, null, DATA, sig));
        // same key, other algorithm: refused (curve does not fit)
        SignatureAlgorithm otherAlg = alg == SignatureAlgorithm.SM2_SM3 ? SignatureAlgorithm.ECDSA_P256_SHA256
                : SignatureAlgorithm.SM2_SM3;
        assertFalse(Verifier.verify(otherAlg, kp.getPublic(), DATA, sig));
        assertThrows(IllegalArgumentException.class, () -> new Signer(otherAlg, kp.getPrivate(), "k"));
    }

    @Test
    void sm2UsesTheDefaultIdExplicitly() throws Exception {
        KeyPair kp = TestKeys.generate(SignatureAlgorithm.SM2_SM3);
        byte[] sig = new Signer(SignatureAlgorithm.SM2_SM3, kp.getPrivate(), "k").sign(DATA);
        Signature withId = Signature.getInstance("SM3withSM2", Providers.ensure());
        withId.setParameter(new SM2ParameterSpec("1234567812345678".getBytes(StandardCharsets.US_ASCII)));
        withId.initVerify(kp.getPublic());
        withId.update(DATA);
        assertTrue(withId.verify(sig));
        Signature emptyId = Signature.getInstance("SM3withSM2", Providers.ensure());
        emptyId.setParameter(new SM2ParameterSpec(new byte[0])); // what OpenSSL 3.0 uses without distid
        emptyId.initVerify(kp.getPublic());
        emptyId.update(DATA);
        assertFalse(emptyId.verify(sig));
    }

    @Test
    void algorithmsByKeyAndWireName() throws Exception {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            KeyPair kp = TestKeys.generate(alg);
            assertEquals(alg, SignatureAlgorithm.forKey(kp.getPublic()));
            assertEquals(alg, SignatureAlgorithm.forKey(kp.getPrivate()));
            assertEquals(alg, SignatureAlgorithm.fromWireName(alg.wireName()));
            assertEquals(alg, Signer.forKey(kp.getPrivate(), "k").algorithm());
        }
        assertEquals("SM2-SM3", SignatureAlgorithm.SM2_SM3.wireName());
        assertEquals("ECDSA-P256-SHA256", SignatureAlgorithm.ECDSA_P256_SHA256.wireName());
        assertEquals(HashAlgorithm.SM3, SignatureAlgorithm.SM2_SM3.hashAlgorithm());
        assertEquals(HashAlgorithm.SHA256, SignatureAlgorithm.ECDSA_P256_SHA256.hashAlgorithm());
        assertEquals("1.2.156.10197.1.301", SignatureAlgorithm.SM2_SM3.curveOid());
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.fromWireName("SM2"));

        // A P-256 key from the JDK's own provider is recognised too; P-384 and RSA are not supported.
        KeyPairGenerator jdk = KeyPairGenerator.getInstance("EC", "SunEC");
        jdk.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair jdkKp = jdk.generateKeyPair();
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.forKey(jdkKp.getPublic()));
        byte[] sig = new Signer(SignatureAlgorithm.ECDSA_P256_SHA256, jdkKp.getPrivate(), "k").sign(DATA);
        assertTrue(Verifier.verify(SignatureAlgorithm.ECDSA_P256_SHA256, jdkKp.getPublic(), DATA, sig));
        jdk.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = jdk.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.forKey(p384.getPublic()));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.forKey(rsa.generateKeyPair().getPublic()));
    }

    @Test
    void signerIsThreadSafe() throws Exception {
        KeyPair kp = TestKeys.generate(SignatureAlgorithm.SM2_SM3);
        Signer signer = new Signer(SignatureAlgorithm.SM2_SM3, kp.getPrivate(), "k");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] data = ("record " + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> Verifier.verify(SignatureAlgorithm.SM2_SM3, kp.getPublic(), data,
                        signer.sign(data))));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
