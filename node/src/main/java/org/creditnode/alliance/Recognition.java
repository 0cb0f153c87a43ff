package org.creditnode.alliance;

import org.creditnode.policy.AllianceRecognise;
import org.creditnode.policy.Decision;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Scope;
import org.creditnode.store.RecognitionSwitches;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mutual recognition (互认, S28, issue 13 part 3): whether an entry made in a partner region counts
 * in this node's matching. An entry whose origin lies in a partner's region (a member province's
 * own code or one of its descendants) counts only while an alliance of this node that names the
 * partner recognises that category from it ({@code recognise:} in the alliance file) and has not
 * been switched off by an operator (the rules of {@link Scope#ALLIANCE_RECOGNISE}); every other
 * origin is domestic and unaffected.
 *
 * <p>An operator's switch is kept in the database ({@link RecognitionSwitches}): it holds after a
 * restart, and another instance of the node reads it within {@link #REFRESH_MILLIS}; the instance
 * that took the call applies it at once.
 */
public final class Recognition {
    /** How an entry's origin stands: domestic, or a partner's, recognised under an alliance or not (and why). */
    public record Verdict(boolean partner, boolean recognised, String partnerId, Alliance alliance, String rule) {
        static final Verdict DOMESTIC = new Verdict(false, true, null, null, null);
    }

    static final long REFRESH_MILLIS = 2_000;

    private final String self;
    private final Alliances alliances;
    private final PolicyEngine policies;
    private final RecognitionSwitches store; // null: switches last until the process ends (tests)
    private final Clock clock;
    private volatile Set<String> switchedOff = Set.of(); // "<alliance>/<partner>/<category>"
    private volatile long loadedAt;

    /** Switches last until the process ends: for tests. */
    public Recognition(Alliances alliances, PolicyEngine policies) {
        this(alliances, policies, null, Clock.systemUTC());
    }

    public Recognition(Alliances alliances, PolicyEngine policies, RecognitionSwitches store, Clock clock) {
        this.self = alliances.self();
        this.alliances = alliances;
        this.policies = policies;
        this.store = store;
        this.clock = clock;
        reload();
    }

    /**
     * How an entry of {@code category} from {@code origin} stands today: the first alliance naming the
     * partner whose {@link Scope#ALLIANCE_RECOGNISE} rules permit it recognises it; else the last refusal.
     */
    public Verdict of(String origin, String category, LocalDate today) {
        Optional<String> partner = partnerOf(origin);
        if (partner.isEmpty()) return Verdict.DOMESTIC;
        String p = partner.get();
        String why = "no alliance of " + self + " names " + p;
        Set<String> off = switchedOff();
        for (Alliance a : alliances.naming(p)) {
            AllianceFile.Recognise r = a.recognise().get(category);
            AllianceRecognise context = new AllianceRecognise(p, category, a.policy(), a.from(), a.until(),
                    r == null ? null : new AllianceRecognise.Recognise(r.enabled, Set.copyOf(r.from)), off.contains(key(a.id(), p, category)), today);
            Decision d = policies.evaluate(Scope.ALLIANCE_RECOGNISE, context, today);
            if (d.permitted()) return new Verdict(true, true, p, a, "recognise." + category);
            why = d.reason();
        }
        return new Verdict(true, false, p, null, why);
    }

    /**
     * Whether an action initiated here may name departments in {@code region} (a node id): yes when
     * it is domestic; for a partner's region, when an alliance in force names the partner for joint
     * actions (JXJ16 (15)). Empty when allowed; else why not.
     */
    public Optional<String> jointActionRefusal(String region, LocalDate today) {
        Optional<String> partner = partnerOf(region);
        if (partner.isEmpty()) return Optional.empty();
        String p = partner.get();
        for (Alliance a : alliances.naming(p)) {
            if (a.inForce(today) && a.jointActions().enabled && (a.jointActions().with.isEmpty() || a.jointActions().with.contains(p))) {
                return Optional.empty();
            }
        }
        return Optional.of("no alliance of " + self + " in force allows joint actions with " + p + " (jointActions in the alliance file)");
    }

    /** An operator switches recognition of a category from a partner off (or on again) at once; the alliance file stays the default. */
    public synchronized void set(String alliance, String partner, String category, boolean on, String by) throws SQLException {
        if (store != null) store.put(alliance, partner, category, on, by, clock.instant());
        Set<String> next = ConcurrentHashMap.newKeySet();
        next.addAll(switchedOff);
        if (on) next.remove(key(alliance, partner, category)); else next.add(key(alliance, partner, category));
        switchedOff = next;
    }

    /** What operators switched off, as {@code <alliance>/<partner>/<category>}, sorted. */
    public List<String> switchedOffList() {
        return switchedOff().stream().sorted().toList();
    }

    private Set<String> switchedOff() {
        if (store != null && clock.millis() - loadedAt > REFRESH_MILLIS) reload();
        return switchedOff;
    }

    private synchronized void reload() {
        if (store == null) return;
        try {
            Set<String> off = ConcurrentHashMap.newKeySet();
            for (RecognitionSwitches.Row r : store.all()) if (!r.enabled()) off.add(key(r.alliance(), r.partner(), r.category()));
            switchedOff = off;
        } catch (SQLException e) {
            // keep what was known: a database hiccup must not turn recognition back on or off
            org.slf4j.LoggerFactory.getLogger(Recognition.class).warn("recognition switches not re-read: {}", e.getMessage());
        }
        loadedAt = clock.millis();
    }

    /** The member whose region the origin lies in: the member itself or, for a province, a node of its province. */
    Optional<String> partnerOf(String origin) {
        if (origin == null || origin.equals(self) || sameProvince(origin, self)) return Optional.empty();
        for (Alliance a : alliances.all()) {
            for (String m : a.members().keySet()) {
                if (m.equals(self)) continue;
                if (m.equals(origin) || (m.endsWith("0000") && sameProvince(origin, m))) return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static boolean sameProvince(String a, String b) {
        return a.length() == 6 && b.length() == 6 && !b.equals("100000") && a.regionMatches(0, b, 0, 2);
    }

    private static String key(String alliance, String partner, String category) {
        return alliance + "/" + partner + "/" + category;
    }
}
