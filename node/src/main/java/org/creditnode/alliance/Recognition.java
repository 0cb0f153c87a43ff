package org.creditnode.alliance;

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
 * been switched off by an operator; every other origin is domestic and unaffected.
 */
public final class Recognition {
    /** How an entry's origin stands: domestic, or a partner's, recognised under an alliance or not (and why). */
    public record Verdict(boolean partner, boolean recognised, String partnerId, Alliance alliance, String rule) {
        static final Verdict DOMESTIC = new Verdict(false, true, null, null, null);
    }

    private final String self;
    private final Alliances alliances;
    private final Set<String> switchedOff = ConcurrentHashMap.newKeySet(); // "<alliance>/<partner>/<category>"

    public Recognition(Alliances alliances) {
        this.self = alliances.self();
        this.alliances = alliances;
    }

    public Verdict of(String origin, String category, LocalDate today) {
        Optional<String> partner = partnerOf(origin);
        if (partner.isEmpty()) return Verdict.DOMESTIC;
        String p = partner.get();
        String why = "no alliance of " + self + " recognises " + category + " from " + p;
        for (Alliance a : alliances.naming(p)) {
            AllianceFile.Recognise r = a.recognise().get(category);
            if (r == null || !r.enabled || !(r.from.isEmpty() || r.from.contains(p))) continue;
            if (!a.inForce(today)) {
                why = a.policy() + " is not in force on " + today;
                continue;
            }
            if (switchedOff.contains(key(a.id(), p, category))) {
                why = "recognition of " + category + " from " + p + " under " + a.policy() + " switched off by an operator";
                continue;
            }
            return new Verdict(true, true, p, a, "recognise." + category);
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
    public void set(String alliance, String partner, String category, boolean on) {
        if (on) switchedOff.remove(key(alliance, partner, category)); else switchedOff.add(key(alliance, partner, category));
    }

    public List<String> switchedOff() {
        return switchedOff.stream().sorted().toList();
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
