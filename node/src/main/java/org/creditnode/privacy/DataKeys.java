package org.creditnode.privacy;

import org.creditnode.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node's keys for personal data at rest, in their own PKCS#12 keystore beside the signing
 * keystore: data keys {@code data-1}, {@code data-2} … (SM4, 128 bit; the newest encrypts, all
 * decrypt) and the index key {@code index} (HMAC-SM3 for lookups by subject code; not rotated,
 * because every stored lookup key depends on it). The JDK's PKCS#12 knows no "SM4" entry type,
 * so the 16 key bytes are kept under the generic "AES" label; only their bytes are used.
 */
public final class DataKeys {
    private static final Logger LOG = LoggerFactory.getLogger(DataKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final char[] password;
    private volatile Map<Integer, byte[]> dataKeys;
    private volatile byte[] indexKey;
    private volatile int current;

    private DataKeys(Path file, char[] password) {
        this.file = file;
        this.password = password;
    }

    /** Opens the keystore, creating it with a first data key and an index key if it does not exist. */
    public static DataKeys open(Path file, char[] password) {
        DataKeys k = new DataKeys(file, password);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                put(ks, "index", randomKey(32), password);
                put(ks, "data-1", randomKey(16), password);
                save(ks, file, password);
                LOG.warn("created the keystore for personal data at rest: {} — back it up with the database; without it, "
                        + "encrypted records cannot be read", file);
            }
            k.reload();
            return k;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot open the data keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the keystore again (another instance may have rotated). */
    public synchronized void reload() throws IOException, GeneralSecurityException {
        KeyStore ks = load(file, password);
        Map<Integer, byte[]> keys = new TreeMap<>();
        byte[] index = null;
        for (String alias : Collections.list(ks.aliases())) {
            byte[] bytes = ks.getKey(alias, password).getEncoded();
            if (alias.equals("index")) index = bytes;
            else if (alias.matches("data-\\d+")) keys.put(Integer.parseInt(alias.substring(5)), bytes);
        }
        if (index == null || keys.isEmpty()) throw new GeneralSecurityException("no index key or no data key in " + file);
        this.dataKeys = Collections.unmodifiableMap(keys);
        this.indexKey = index;
        this.current = ((TreeMap<Integer, byte[]>) keys).lastKey();
    }

    /** Adds a new data key and makes it the one that encrypts; returns its number. */
    public synchronized int rotate() throws IOException, GeneralSecurityException {
        int next = current() + 1;
        KeyStore ks = load(file, password);
        put(ks, "data-" + next, randomKey(16), password);
        save(ks, file, password);
        reload();
        LOG.warn("data key {} created in {}: new and re-encrypted records use it", next, file);
        return next;
    }

    /** Every data key's number, oldest first. */
    public java.util.Set<Integer> numbers() {
        return new java.util.TreeSet<>(dataKeys.keySet());
    }

    public int current() {
        return current;
    }

    /** The data key of that number; reloads the keystore once if it is not known yet. */
    SecretKey dataKey(int number) {
        byte[] k = dataKeys.get(number);
        if (k == null) {
            try {
                reload();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("data key " + number + " unknown and the keystore " + file + " unreadable", e);
            }
            k = dataKeys.get(number);
            if (k == null) throw new IllegalStateException("data key " + number + " is not in " + file);
        }
        return new SecretKeySpec(k, "SM4");
    }

    byte[] indexKey() { return indexKey; }

    private static byte[] randomKey(int bytes) {
        byte[] k = new byte[bytes];
        RANDOM.nextBytes(k);
        return k;
    }

    private static void put(KeyStore ks, String alias, byte[] key, char[] password) throws GeneralSecurityException {
        ks.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES")), new KeyStore.PasswordProtection(password));
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    /** Written beside and moved into place: a crash leaves the old keystore or the new one, never half of one. */
    private static void save(KeyStore ks, Path file, char[] password) throws IOException, GeneralSecurityException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
