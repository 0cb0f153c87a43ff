package org.creditnode.policy;

/**
 * What a department account may submit ({@link Scope#SUBMIT}) and read ({@link Scope#PURPOSE_READ}):
 * only for the authorities and categories its account names (a forged penalty under another
 * authority's name is the fault these rules close), and personal data only for a declared,
 * configured purpose that may see the category (JX19 §11 / JX15 §15: 授权个人信息查询).
 */
public final class AccountRules {
    private AccountRules() {
    }

    public static final class ReportsForOwnAuthority implements PolicyFunction<Submission> {
        public String name() { return "reports-for-own-authority"; }

        public Decision evaluate(Submission s) {
            if (s.accountAuthorities().contains(s.authorityCode())) return Decision.permit(name());
            return Decision.deny("AUTHORITY_NOT_ALLOWED: account " + s.account() + " may report for " + s.accountAuthorities()
                    + ", not for authority " + s.authorityCode());
        }
    }

    public static final class SubmitsOwnCategories implements PolicyFunction<Submission> {
        public String name() { return "submits-own-categories"; }

        public Decision evaluate(Submission s) {
            if (s.accountCategories().contains(s.category())) return Decision.permit(name());
            return Decision.deny("CATEGORY_NOT_ALLOWED: account " + s.account() + " may submit " + s.accountCategories()
                    + ", not " + s.category());
        }
    }

    public static final class PurposeOfAccount implements PolicyFunction<PurposeRead> {
        public String name() { return "purpose-of-account"; }

        public Decision evaluate(PurposeRead r) {
            if (r.purposeCategories() == null) {
                return Decision.deny("PURPOSE_UNKNOWN: purpose " + r.purpose() + " is not configured on this node");
            }
            if (!r.accountPurposes().contains(r.purpose())) {
                return Decision.deny("PURPOSE_NOT_ALLOWED: account " + r.account() + " may read for " + r.accountPurposes()
                        + ", not for " + r.purpose());
            }
            return Decision.permit(name());
        }
    }

    public static final class CategoryWithinPurpose implements PolicyFunction<PurposeRead> {
        public String name() { return "category-within-purpose"; }

        public Decision evaluate(PurposeRead r) {
            if (r.purposeCategories() != null && r.purposeCategories().contains(r.category())) return Decision.permit(name());
            return new Decision(false, java.util.List.of("CATEGORY_NOT_IN_PURPOSE: purpose " + r.purpose() + " does not see "
                    + r.category()), java.util.List.of(r.category()));
        }
    }

    /** The error code a denial starts with ("CODE: message"), for the protocol's error bodies. */
    public static String code(Decision d) {
        String r = d.reason();
        int colon = r.indexOf(':');
        return colon > 0 && r.substring(0, colon).matches("[A-Z_]+") ? r.substring(0, colon) : "FORBIDDEN";
    }
}
