package org.creditnode.sign;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Key pairs for tests, generated with BC as the node will. */
final class TestKeys {

    private TestKeys() {
    }

    static KeyPair generate(SignatureAlgorithm alg) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Providers.ensure());
            g.initialize(new ECGenParameterSpec(alg == SignatureAlgorithm.SM2_SM3 ? "sm2p256v1" : "secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
