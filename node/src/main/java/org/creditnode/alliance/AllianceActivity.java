package org.creditnode.alliance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What operators see per alliance and partner: queries this node asked and answered, refusals
 * either way and their reasons, the last exchange. Counted since the node started (the audit log
 * keeps every single query for good).
 */
public final class AllianceActivity {
    private static final class Counts {
        long asked;
        long answered;
        long refusedHere;
        long refusedThere;
        Instant last;
        final Map<String, Long> reasons = new TreeMap<>();
        String lastRefusal;
    }

    private final ConcurrentHashMap<String, Counts> byPartner = new ConcurrentHashMap<>();

    private Counts of(String alliance, String partner) {
        return byPartner.computeIfAbsent(alliance + "/" + partner, k -> new Counts());
    }

    public void answered(String alliance, String partner, Instant at) {
        Counts c = of(alliance, partner);
        synchronized (c) {
            c.answered++;
            c.last = at;
        }
    }

    /** This node refused the partner's query; {@code rule} is the policy function (or limit) that refused. */
    public void refusedHere(String alliance, String partner, String rule, String message, Instant at) {
        Counts c = of(alliance, partner);
        synchronized (c) {
            c.refusedHere++;
            c.last = at;
            c.reasons.merge(rule, 1L, Long::sum);
            c.lastRefusal = message;
        }
    }

    public void asked(String alliance, String partner, boolean refusedThere, String reason, Instant at) {
        Counts c = of(alliance, partner);
        synchronized (c) {
            c.asked++;
            c.last = at;
            if (refusedThere) {
                c.refusedThere++;
                c.lastRefusal = reason;
            }
        }
    }

    /** Callers refused before any alliance applied (unknown partners), by node id. */
    public Map<String, Object> outsiders() {
        Map<String, Object> out = new TreeMap<>();
        byPartner.keySet().stream().filter(k -> k.startsWith("-/")).forEach(k -> out.put(k.substring(2), view("-", k.substring(2))));
        return out;
    }

    /** The counts of one partner in one alliance, as the admin API shows them. */
    public Map<String, Object> view(String alliance, String partner) {
        Counts c = byPartner.get(alliance + "/" + partner);
        Map<String, Object> out = new LinkedHashMap<>();
        if (c == null) c = new Counts();
        synchronized (c) {
            out.put("askedByUs", c.asked);
            out.put("answeredToThem", c.answered);
            out.put("refusedByUs", c.refusedHere);
            out.put("refusedByThem", c.refusedThere);
            out.put("refusalReasons", new TreeMap<>(c.reasons));
            out.put("lastRefusal", c.lastRefusal);
            out.put("lastExchange", c.last == null ? null : c.last.toString());
        }
        return out;
    }
}
