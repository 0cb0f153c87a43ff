package org.creditnode.alliance;

import org.creditnode.policy.AllianceQuery;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One alliance as this node applies it, checked against the catalogue and the purposes
 * ({@link Alliances#load}). Immutable.
 *
 * @param anchors        per member whose PKI is not the national one: its roots (TLS and signing)
 * @param withheldFields per shared category, fields withheld by name
 */
public record Alliance(String id, String name, String version, LocalDate from, LocalDate until, Path file,
                       Map<String, Member> members, Map<String, List<X509Certificate>> anchors, Set<String> purposes,
                       int ratePerSecond, Set<String> shared, Map<String, Set<String>> withheldFields,
                       Set<String> withheldCategories, boolean withholdPersonal, Set<String> revoked,
                       Map<String, AllianceFile.Recognise> recognise, AllianceFile.JointActions jointActions) {

    public record Member(String id, String name, String url) {
    }

    /** What the answer's {@code policy} names. */
    public String policy() { return id + "/" + version; }

    public boolean names(String node) { return members.containsKey(node); }

    public boolean inForce(LocalDate day) { return !day.isBefore(from) && (until == null || day.isBefore(until)); }

    /** The alliance's query rules as the policy engine reads them. */
    public AllianceQuery.Rules rules() {
        return new AllianceQuery.Rules(policy(), members.keySet(), purposes, shared, from, until);
    }

    /** What two alliances must agree on when a partner may ask under either, for the same purpose. */
    Object sharingRules() {
        return List.of(shared, withheldFields, withholdPersonal);
    }

    /** Overlapping periods (until exclusive; none: open-ended). */
    boolean overlaps(Alliance other) {
        boolean thisBeforeOther = until != null && !until.isAfter(other.from);
        boolean otherBeforeThis = other.until != null && !other.until.isAfter(from);
        return !thisBeforeOther && !otherBeforeThis;
    }
}
