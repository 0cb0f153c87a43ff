package org.creditnode.federation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A small LRU map with a time to live. {@link #get(Object, Supplier)} computes a missing value
 * once even when many threads ask at the same moment, which is what keeps 1,000 records of one
 * batch, verified in parallel, at one signature check.
 */
final class BoundedCache<K, V> {
    private final int capacity;
    private final long ttlNanos;
    private final Map<K, Entry<V>> map;

    private record Entry<V>(FutureTask<V> value, long expiresAt) {
    }

    BoundedCache(int capacity, java.time.Duration ttl) {
        this.capacity = capacity;
        this.ttlNanos = ttl.toNanos();
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    /** The cached value, or {@code loader}'s, computed by the first caller only. */
    V get(K key, Supplier<V> loader) {
        FutureTask<V> task;
        boolean mine = false;
        synchronized (map) {
            Entry<V> e = live(key);
            if (e == null) {
                task = new FutureTask<>(loader::get);
                map.put(key, new Entry<>(task, System.nanoTime() + ttlNanos));
                mine = true;
            } else {
                task = e.value();
            }
        }
        if (mine) {
            task.run(); // outside the lock: other keys stay available meanwhile
        }
        try {
            return task.get();
        } catch (ExecutionException ex) {
            synchronized (map) { // never cache a failure
                Entry<V> e = map.get(key);
                if (e != null && e.value() == task) {
                    map.remove(key);
                }
            }
            throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a cached value", ex);
        }
    }

    /** The value if present, computed and not expired; never waits. */
    V peek(K key) {
        synchronized (map) {
            Entry<V> e = live(key);
            if (e == null || !e.value().isDone()) {
                return null;
            }
            try {
                return e.value().get();
            } catch (InterruptedException | ExecutionException ex) {
                return null;
            }
        }
    }

    void put(K key, V value) {
        FutureTask<V> done = new FutureTask<>(() -> value);
        done.run();
        synchronized (map) {
            map.put(key, new Entry<>(done, System.nanoTime() + ttlNanos));
        }
    }

    void clear() {
        synchronized (map) {
            map.clear();
        }
    }

    private Entry<V> live(K key) {
        Entry<V> e = map.get(key);
        if (e != null && System.nanoTime() - e.expiresAt() > 0) {
            map.remove(key);
            return null;
        }
        return e;
    }
}
