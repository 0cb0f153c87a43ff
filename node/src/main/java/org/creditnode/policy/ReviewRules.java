package org.creditnode.policy;

/**
 * Four eyes on reviewed categories (JS15 九(一) 数据管理员和审核员制度): a reviewer holds the
 * REVIEWER role, belongs to the record's authority, and is not the account that submitted it.
 */
public final class ReviewRules {
    private ReviewRules() {
    }

    public static final class ReviewerHoldsRole implements PolicyFunction<Review> {
        public String name() { return "reviewer-holds-role"; }

        public Decision evaluate(Review r) {
            return r.reviewerHoldsRole() ? Decision.permit(name())
                    : Decision.deny("ROLE_NOT_ALLOWED: account " + r.reviewer() + " does not hold REVIEWER");
        }
    }

    public static final class SameAuthority implements PolicyFunction<Review> {
        public String name() { return "same-authority"; }

        public Decision evaluate(Review r) {
            return r.reviewerAuthorities().contains(r.authority()) ? Decision.permit(name())
                    : Decision.deny("AUTHORITY_NOT_ALLOWED: account " + r.reviewer() + " reviews for " + r.reviewerAuthorities()
                    + ", not for authority " + r.authority());
        }
    }

    public static final class NotTheSubmitter implements PolicyFunction<Review> {
        public String name() { return "not-the-submitter"; }

        public Decision evaluate(Review r) {
            return !r.reviewer().equals(r.submitter()) ? Decision.permit(name())
                    : Decision.deny("FOUR_EYES: account " + r.reviewer() + " submitted this record and may not review it");
        }
    }
}
