package org.creditnode.certs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * PKCS#12 files: the one place that decides how they are written and read.
 *
 * <p>Reading uses BC's "PKCS12" key store, not the JDK's: the JDK's PKCS12 parses the certificate
 * bags with its own CertificateFactory, which fails on SM2 certificates ("Unknown named curve:
 * 1.2.156.10197.1.301"), so {@code KeyStore.getInstance("PKCS12")} cannot open a signing.p12 with
 * SM2. (It does open the P-256 files, e.g. tls.p12, for JSSE.)
 *
 * <p>Writing is done explicitly rather than with BC's key store, whose defaults are either
 * 3DES/RC2 (OpenSSL 3 needs -legacy) or 300 000-iteration AES (~0.5 s per load). Here: PBES2 /
 * PBKDF2-HMAC-SHA256 / AES-256-CBC for key and certificates, SHA-256 MAC, 10 000 iterations —
 * the JDK 17 defaults, which OpenSSL 3 reads without -legacy.
 */
public final class Keystores {
    static final int ITERATIONS = 10_000;

    private Keystores() {
    }

    /** Loads any PKCS#12 written here (SM2 or P-256) with BC's key store. */
    public static KeyStore load(Path p12, char[] password) {
        Crypto.ensureProvider();
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12", BouncyCastleProvider.PROVIDER_NAME);
            ks.load(in, password);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load key store " + p12 + ": " + e.getMessage(), e);
        }
    }

    /** One key entry {@code alias} with its chain (leaf first), as PKCS#12 bytes. */
    static byte[] store(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        Crypto.ensureProvider();
        try {
            // localKeyId ties the key bag to the leaf certificate bag (JDK, OpenSSL and BC match on it).
            var localKeyId = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(chain.get(0).getPublicKey());
            var friendlyName = new DERBMPString(alias);
            PKCS12SafeBag[] certBags = new PKCS12SafeBag[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder b = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, friendlyName);
                    b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
                }
                certBags[i] = b.build();
            }
            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor(password));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, friendlyName);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(password), certBags);
            pfx.addData(keyBag.build());
            var mac = new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
                    new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)).setIterationCount(ITERATIONS);
            return pfx.build(mac, password).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build key store for " + alias, e);
        }
    }

    private static OutputEncryptor encryptor(char[] password) throws Exception {
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                .setIterationCount(ITERATIONS)
                .setProvider(BouncyCastleProvider.PROVIDER_NAME)
                .build(password);
    }
}
