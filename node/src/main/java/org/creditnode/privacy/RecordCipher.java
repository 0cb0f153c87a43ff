package org.creditnode.privacy;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Personal data at rest: a record's stored bytes encrypted with SM4-GCM under the current data
 * key (a fresh 96-bit nonce each time; the record's id and version as associated data, so a
 * ciphertext cannot be moved to another row), and subject codes replaced by their HMAC-SM3 under
 * the index key, so that lookups by code work while the database alone names no one.
 * Bouncy Castle's lightweight API: the JCA layer added nothing but allocation per call.
 */
public final class RecordCipher {
    /** Stores bytes as they are (enc 0): for tools and tests that open a store without keys. */
    public static final RecordCipher NONE = new RecordCipher(null);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final DataKeys keys;

    public RecordCipher(DataKeys keys) {
        this.keys = keys;
    }

    public boolean encrypts() { return keys != null; }

    /** The number of the key new data is encrypted with; 0 when this cipher does not encrypt. */
    public int currentKey() { return keys == null ? 0 : keys.current(); }

    public DataKeys keys() { return keys; }

    /** nonce ‖ ciphertext ‖ tag, under data key {@link #currentKey()}. */
    public byte[] encrypt(byte[] plain, String aad) {
        if (keys == null) return plain;
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        GCMModeCipher gcm = gcm(true, currentKey(), nonce, aad);
        byte[] out = new byte[NONCE + gcm.getOutputSize(plain.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE);
        int n = gcm.processBytes(plain, 0, plain.length, out, NONCE);
        try {
            gcm.doFinal(out, NONCE + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public byte[] decrypt(byte[] stored, int key, String aad) {
        if (key == 0) return stored;
        if (keys == null) throw new IllegalStateException("this store was opened without the data keystore; data key " + key + " needed");
        byte[] nonce = java.util.Arrays.copyOf(stored, NONCE);
        GCMModeCipher gcm = gcm(false, key, nonce, aad);
        byte[] out = new byte[gcm.getOutputSize(stored.length - NONCE)];
        int n = gcm.processBytes(stored, NONCE, stored.length - NONCE, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("stored record " + aad + " fails its SM4-GCM tag: altered in the database, or the wrong key", e);
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** The lookup key of a subject code: HMAC-SM3 under the index key, hex; the code itself without keys. */
    public String subjectIndex(String code) {
        if (keys == null) return code;
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(keys.indexKey()));
        byte[] in = code.getBytes(StandardCharsets.UTF_8);
        mac.update(in, 0, in.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    private GCMModeCipher gcm(boolean encrypt, int key, byte[] nonce, String aad) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(keys.dataKey(key).getEncoded()), 128, nonce,
                aad.getBytes(StandardCharsets.UTF_8)));
        return gcm;
    }
}
