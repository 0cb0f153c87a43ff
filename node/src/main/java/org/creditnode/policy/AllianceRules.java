package org.creditnode.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mutual query (互查) between alliance members: who may ask ({@link Scope#ALLIANCE_QUERY}) and what
 * of each record the answer shows ({@link Scope#ALLIANCE_RECORD}); mutual recognition (互认): whether
 * a partner's list entry counts in this node's matching ({@link Scope#ALLIANCE_RECOGNISE}). The
 * alliance's file is the policy; these functions only read it, so an answer can name the rule.
 */
public final class AllianceRules {
    private AllianceRules() {
    }

    /** An alliance's rules apply from {@code from}, until {@code until} (exclusive) if it has one. */
    private static Decision inForce(String rule, String policy, java.time.LocalDate from, java.time.LocalDate until, java.time.LocalDate today) {
        if (today.isBefore(from)) return Decision.deny(rule + ": " + policy + " applies from " + from);
        if (until != null && !today.isBefore(until)) return Decision.deny(rule + ": " + policy + " ended on " + until);
        return Decision.permit(rule);
    }

    /** A withheld item as {@link Decision#withheld()} carries it: the rule's name, a tab, and what. */
    public static String withheld(String rule, String what) {
        return rule + "\t" + what;
    }

    /** Only a member named in an alliance of this node may ask; everyone else is an unknown partner. */
    public static final class PartnerIsMember implements PolicyFunction<AllianceQuery> {
        public String name() { return "partner-is-member"; }

        public Decision evaluate(AllianceQuery q) {
            if (q.alliance() != null && q.alliance().members().contains(q.partner())) return Decision.permit(name());
            return Decision.deny(name() + ": node " + q.partner() + " is not a member of any alliance of this node");
        }
    }

    /**
     * The caller's certificate chains to the national root or to the trust anchor its alliance
     * names for it; a foreign root vouches only for the member it was named for (Hong Kong's root
     * cannot make a "320000").
     */
    public static final class CertificateOfMember implements PolicyFunction<AllianceQuery> {
        public String name() { return "certificate-of-member"; }

        public Decision evaluate(AllianceQuery q) {
            if (AllianceQuery.NATIONAL_ROOT.equals(q.anchor()) || q.partner().equals(q.anchor())) return Decision.permit(name());
            return Decision.deny(name() + ": the certificate of " + q.partner() + " chains to "
                    + (q.anchor() == null ? "no anchor of this node" : "the trust anchor of " + q.anchor())
                    + ", neither the national root nor an anchor the alliance names for " + q.partner());
        }
    }

    /** A certificate on the alliance's revocation list is refused (checked by SHA-256 fingerprint). */
    public static final class CertificateNotRevoked implements PolicyFunction<AllianceQuery> {
        public String name() { return "certificate-not-revoked"; }

        public Decision evaluate(AllianceQuery q) {
            return q.revoked() ? Decision.deny(name() + ": the TLS certificate of " + q.partner() + " is revoked in the alliance's file")
                    : Decision.permit(name());
        }
    }

    /** The alliance applies from its date (and until its end, if it has one). */
    public static final class AllianceInForce implements PolicyFunction<AllianceQuery> {
        public String name() { return "alliance-in-force"; }

        public Decision evaluate(AllianceQuery q) {
            AllianceQuery.Rules a = q.alliance();
            if (a == null) return Decision.deny(name() + ": no alliance");
            return inForce(name(), a.policy(), a.from(), a.until(), q.today());
        }
    }

    /** A query names a purpose the alliance declares (互查 is bound to a purpose). */
    public static final class PurposeDeclared implements PolicyFunction<AllianceQuery> {
        public String name() { return "purpose-declared"; }

        public Decision evaluate(AllianceQuery q) {
            if (q.alliance() != null && q.purpose() != null && q.alliance().purposes().contains(q.purpose())) return Decision.permit(name());
            return Decision.deny(name() + ": purpose " + q.purpose() + " is not declared by "
                    + (q.alliance() == null ? "any alliance" : q.alliance().policy() + " (declared: " + new TreeSet<>(q.alliance().purposes()) + ")"));
        }
    }

    /** Every category asked for is one the alliance shares; asking for more is refused, not trimmed. */
    public static final class CategoriesShared implements PolicyFunction<AllianceQuery> {
        public String name() { return "categories-shared"; }

        public Decision evaluate(AllianceQuery q) {
            if (q.alliance() == null) return Decision.deny(name() + ": no alliance");
            Set<String> not = new TreeSet<>(q.categories());
            not.removeAll(q.alliance().shared());
            if (not.isEmpty()) return Decision.permit(name());
            return Decision.deny(name() + ": " + q.alliance().policy() + " does not share " + not + " (shared: "
                    + new TreeSet<>(q.alliance().shared()) + ")");
        }
    }

    /** A natural person's record, and every personal field of any record, is withheld unless the alliance shares personal data. */
    public static final class WithholdPersonalData implements PolicyFunction<AllianceRecord> {
        public String name() { return "withhold-personal-data"; }

        public Decision evaluate(AllianceRecord r) {
            if (!r.withholdPersonal()) return Decision.permit(name());
            if (r.aboutAPerson()) {
                return new Decision(true, List.of(name()), List.of(withheld(name(), "record " + r.recordId())));
            }
            List<String> w = new ArrayList<>();
            for (String f : new TreeSet<>(r.personalFields())) w.add(withheld(name(), "record " + r.recordId() + " fields." + f));
            return new Decision(true, List.of(name()), w);
        }
    }

    /** Fields the alliance's file withholds by name for the record's category. */
    public static final class WithholdNamedFields implements PolicyFunction<AllianceRecord> {
        public String name() { return "withhold-named-fields"; }

        public Decision evaluate(AllianceRecord r) {
            List<String> w = new ArrayList<>();
            for (String f : new TreeSet<>(r.withheldFields().getOrDefault(r.category(), Set.of()))) {
                if (r.presentFields().contains(f)) w.add(withheld(name(), "record " + r.recordId() + " fields." + f));
            }
            return new Decision(true, List.of(name()), w);
        }
    }

    /** 互认 holds only while the alliance's rules apply (from its date, until its end if any). */
    public static final class RecognitionInForce implements PolicyFunction<AllianceRecognise> {
        public String name() { return "recognition-in-force"; }

        public Decision evaluate(AllianceRecognise r) {
            return inForce(name(), r.policy(), r.from(), r.until(), r.today());
        }
    }

    /** The alliance file recognises the category, from this partner ({@code recognise: {CAT: {from: [...]}}}). */
    public static final class CategoryRecognised implements PolicyFunction<AllianceRecognise> {
        public String name() { return "category-recognised"; }

        public Decision evaluate(AllianceRecognise r) {
            AllianceRecognise.Recognise rec = r.recognise();
            if (rec == null || !rec.enabled()) {
                return Decision.deny(name() + ": " + r.policy() + " does not recognise " + r.category());
            }
            if (!rec.from().isEmpty() && !rec.from().contains(r.partner())) {
                return Decision.deny(name() + ": " + r.policy() + " recognises " + r.category() + " from " + rec.from() + ", not from " + r.partner());
            }
            return Decision.permit(name());
        }
    }

    /** An operator may switch recognition of a category from a partner off at once (and on again). */
    public static final class NotSwitchedOff implements PolicyFunction<AllianceRecognise> {
        public String name() { return "not-switched-off"; }

        public Decision evaluate(AllianceRecognise r) {
            return r.switchedOff() ? Decision.deny(name() + ": recognition of " + r.category() + " from " + r.partner() + " under "
                    + r.policy() + " switched off by an operator") : Decision.permit(name());
        }
    }
}
