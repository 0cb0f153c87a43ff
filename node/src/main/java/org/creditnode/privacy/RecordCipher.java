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
 * Personal data at rest: the stored bytes of a record that carries a natural person's data
 * ({@link PersonalData}) encrypted with SM4-GCM under the current data key (a fresh 96-bit nonce
 * each time; the record's id and version as associated data, so a ciphertext cannot be moved to
 * another row), and a natural person's subject code replaced by its HMAC-SM3 under the index key,
 * so that lookups by ID number work while the database alone names no one. Records without
 * personal data stay clear (key {@link #CLEAR}): encrypting every enterprise's licence cost a
 * third of the ingest throughput and protects nothing.
 * Bouncy Castle's lightweight API: the JCA layer added nothing but allocation per call.
 */
public final class RecordCipher {
    /** Stores bytes as they are (key 0): for tools and tests that open a store without keys. */
    public static final RecordCipher NONE = new RecordCipher(null, PersonalData.everything());
    /** Key number of a record from before encryption at rest, not yet examined. */
    public static final int LEGACY = 0;
    /** Key number of a record examined and found to carry no personal data: kept clear. */
    public static final int CLEAR = -1;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final DataKeys keys;
    private final PersonalData personal;
    private final ThreadLocal<java.util.Map<Integer, GCMModeCipher>> ciphers = ThreadLocal.withInitial(java.util.HashMap::new);
    private final ThreadLocal<HMac> macs;

    public RecordCipher(DataKeys keys, PersonalData personal) {
        this.keys = keys;
        this.personal = personal;
        this.macs = ThreadLocal.withInitial(() -> {
            HMac mac = new HMac(new SM3Digest());
            mac.init(new KeyParameter(keys.indexKey()));
            return mac;
        });
    }

    public boolean encrypts() { return keys != null; }

    /** The number of the key new data is encrypted with; 0 when this cipher does not encrypt. */
    public int currentKey() { return keys == null ? 0 : keys.current(); }

    public DataKeys keys() { return keys; }

    /** The key a record with this canonical text is stored under: the current one if it is personal, else {@link #CLEAR}. */
    public int keyFor(String canonical) {
        if (keys == null) return LEGACY;
        return personal.in(canonical) ? currentKey() : CLEAR;
    }

    /** What the subject column holds: a natural person's code only as its keyed index, an organisation's as it is. */
    public String storedSubject(String subjectCode, String canonical) {
        return keys != null && personal.isAboutAPerson(canonical) ? subjectIndex(subjectCode) : subjectCode;
    }

    /** The values the subject column may hold for a code: the code (organisations) and its keyed index (persons). */
    public java.util.List<String> subjectLookups(String code) {
        return keys == null ? java.util.List.of(code) : java.util.List.of(code, subjectIndex(code));
    }

    /** Under the current data key (for what is always personal, such as a record waiting for review). */
    public byte[] encrypt(byte[] plain, String aad) {
        return encrypt(plain, currentKey(), aad);
    }

    /** nonce ‖ ciphertext ‖ tag under data key {@code key}; the bytes as they are for {@link #CLEAR} and {@link #LEGACY}. */
    public byte[] encrypt(byte[] plain, int key, String aad) {
        if (keys == null || key <= 0) return plain;
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        GCMModeCipher gcm = gcm(true, key, nonce, aad);
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
        if (key <= 0) return stored;
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
        HMac mac = macs.get(); // doFinal leaves it reset to the keyed start: no key schedule per code
        byte[] in = code.getBytes(StandardCharsets.UTF_8);
        mac.update(in, 0, in.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    /**
     * This thread's GCM cipher for that key, initialised with the new nonce. The key schedule and
     * GHASH tables are made once per thread and key (Bouncy Castle keeps them when re-initialised
     * without a key); made per record they cost as much as the encryption itself.
     */
    private GCMModeCipher gcm(boolean encrypt, int key, byte[] nonce, String aad) {
        java.util.Map<Integer, GCMModeCipher> mine = ciphers.get();
        GCMModeCipher gcm = mine.get(key);
        KeyParameter keyParam = null;
        if (gcm == null) {
            gcm = GCMBlockCipher.newInstance(new SM4Engine());
            mine.put(key, gcm);
            keyParam = new KeyParameter(keys.dataKey(key).getEncoded());
        }
        gcm.init(encrypt, new AEADParameters(keyParam, 128, nonce, aad.getBytes(StandardCharsets.UTF_8)));
        return gcm;
    }
}
