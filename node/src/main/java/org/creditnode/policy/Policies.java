package org.creditnode.policy;

/** The node's policy engine with every rule it has today, per scope. */
public final class Policies {
    private Policies() {
    }

    public static PolicyEngine standard(Neighbours neighbours) {
        return new PolicyEngine()
                .register(Scope.LINK_PUSH, LinkPush.class, new LinkRules.KnownArrival())
                .register(Scope.LINK_PUSH, LinkPush.class, new LinkRules.NeverBackWhereItCame())
                .register(Scope.LINK_PUSH, LinkPush.class, new LinkRules.AggregateUpward())
                .register(Scope.LINK_PUSH, LinkPush.class, new LinkRules.DistributeDownward())
                .register(Scope.LINK_PUSH, LinkPush.class, new LinkRules.ShareWithPeer(neighbours))
                .register(Scope.LINK_READ, LinkRead.class, new LinkRules.KnownSender())
                .register(Scope.LINK_READ, LinkRead.class, new LinkRules.KnownCategory())
                .register(Scope.LINK_READ, LinkRead.class, new LinkRules.SenderRoleCarries(neighbours))
                .register(Scope.CALLER, Caller.class, new AccessRules.CallerHoldsRole())
                .register(Scope.PUBLIC_VIEW, PublicView.class, new AccessRules.WithinPublicityPeriod())
                .register(Scope.PUBLIC_VIEW, PublicView.class, new AccessRules.NotShielded())
                .register(Scope.SUBMIT, Submission.class, new AccountRules.ReportsForOwnAuthority())
                .register(Scope.SUBMIT, Submission.class, new AccountRules.SubmitsOwnCategories())
                .register(Scope.PURPOSE_READ, PurposeRead.class, new AccountRules.PurposeOfAccount())
                .register(Scope.PURPOSE_READ, PurposeRead.class, new AccountRules.CategoryWithinPurpose())
                .register(Scope.REVIEW, Review.class, new ReviewRules.ReviewerHoldsRole())
                .register(Scope.REVIEW, Review.class, new ReviewRules.SameAuthority())
                .register(Scope.REVIEW, Review.class, new ReviewRules.NotTheSubmitter())
                .register(Scope.MATCH_ENTRY, MatchRules.Entry.class, new MatchRules.EntryInForce())
                .register(Scope.MATCH_MEASURE, MatchRules.Measure.class, new MatchRules.MeasureForPurpose())
                .register(Scope.REVISE, Revise.class, new RevisionRules.OriginDecides())
                .register(Scope.REVISE, Revise.class, new RevisionRules.DecidingAuthority())
                .register(Scope.REVISE, Revise.class, new RevisionRules.CategoryOfAccount())
                .register(Scope.REVISE, Revise.class, new RevisionRules.TransitionAllowed())
                .register(Scope.ALLIANCE_QUERY, AllianceQuery.class, new AllianceRules.PartnerIsMember())
                .register(Scope.ALLIANCE_QUERY, AllianceQuery.class, new AllianceRules.CertificateOfMember())
                .register(Scope.ALLIANCE_QUERY, AllianceQuery.class, new AllianceRules.CertificateNotRevoked())
                .register(Scope.ALLIANCE_QUERY, AllianceQuery.class, new AllianceRules.AllianceInForce())
                .register(Scope.ALLIANCE_QUERY, AllianceQuery.class, new AllianceRules.PurposeDeclared())
                .register(Scope.ALLIANCE_QUERY, AllianceQuery.class, new AllianceRules.CategoriesShared())
                .register(Scope.ALLIANCE_RECORD, AllianceRecord.class, new AllianceRules.WithholdPersonalData())
                .register(Scope.ALLIANCE_RECORD, AllianceRecord.class, new AllianceRules.WithholdNamedFields())
                .register(Scope.ALLIANCE_RECOGNISE, AllianceRecognise.class, new AllianceRules.RecognitionInForce())
                .register(Scope.ALLIANCE_RECOGNISE, AllianceRecognise.class, new AllianceRules.CategoryRecognised())
                .register(Scope.ALLIANCE_RECOGNISE, AllianceRecognise.class, new AllianceRules.NotSwitchedOff());
    }
}
