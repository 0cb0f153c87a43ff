package org.creditnode.policy;

/**
 * The federation's routing rules (归集 upward, 下发 downward, sideways to alliance peers) as named
 * functions of {@link Scope#LINK_PUSH} and {@link Scope#LINK_READ}. Each is a rule of the
 * national planning documents' exchange model: every category the catalogue marks aggregated
 * goes up from a node and its children; every category marked distributed goes down from a node
 * and its parent to every child; a peer gets the categories its link names, from this node and
 * its children, never relayed peer to peer; nothing goes back where it came from.
 */
public final class LinkRules {
    private LinkRules() {
    }

    /** A record never goes back to the link it arrived by. */
    public static final class NeverBackWhereItCame implements PolicyFunction<LinkPush> {
        public String name() { return "never-back-where-it-came"; }

        public Decision evaluate(LinkPush c) {
            return c.link().equals(c.via()) ? Decision.deny(name() + ": it arrived from " + c.via())
                    : Decision.permit(name());
        }
    }

    /** A record that arrived by a link no longer configured goes nowhere: its routing role is unknown. */
    public static final class KnownArrival implements PolicyFunction<LinkPush> {
        public String name() { return "known-arrival"; }

        public Decision evaluate(LinkPush c) {
            return c.via() != null && c.from().isEmpty()
                    ? Decision.deny(name() + ": it arrived from " + c.via() + ", no longer a neighbour")
                    : Decision.permit(name());
        }
    }

    /** 归集: to the parent, categories the catalogue aggregates, from this node or a child. */
    public static final class AggregateUpward implements PolicyFunction<LinkPush> {
        public String name() { return "aggregate-upward"; }

        public Decision evaluate(LinkPush c) {
            if (c.linkRole() != Role.PARENT) return Decision.permit(name() + ": not a parent link");
            if (!c.category().isAggregated()) return Decision.deny(name() + ": " + c.category().id() + " is not aggregated");
            boolean fromBelow = c.from().isEmpty() || c.from().get() == Role.CHILD;
            return fromBelow ? Decision.permit(name()) : Decision.deny(name() + ": only own and children's records go up");
        }
    }

    /** 下发: to every child, categories the catalogue distributes, from this node or the parent. */
    public static final class DistributeDownward implements PolicyFunction<LinkPush> {
        public String name() { return "distribute-downward"; }

        public Decision evaluate(LinkPush c) {
            if (c.linkRole() != Role.CHILD) return Decision.permit(name() + ": not a child link");
            if (!c.category().isDistributed()) return Decision.deny(name() + ": " + c.category().id() + " is not distributed");
            boolean fromAbove = c.from().isEmpty() || c.from().get() == Role.PARENT;
            return fromAbove ? Decision.permit(name()) : Decision.deny(name() + ": only own and the parent's records go down");
        }
    }

    /** Sideways: to a peer, the categories its link shares, from this node or a child; never peer to peer. */
    public static final class ShareWithPeer implements PolicyFunction<LinkPush> {
        private final Neighbours neighbours;

        public ShareWithPeer(Neighbours neighbours) { this.neighbours = neighbours; }

        public String name() { return "share-with-peer"; }

        public Decision evaluate(LinkPush c) {
            if (c.linkRole() != Role.PEER) return Decision.permit(name() + ": not a peer link");
            if (!neighbours.sharedWith(c.link()).contains(c.category().id())) {
                return Decision.deny(name() + ": " + c.category().id() + " is not shared with peer " + c.link());
            }
            boolean fromBelow = c.from().isEmpty() || c.from().get() == Role.CHILD;
            return fromBelow ? Decision.permit(name()) : Decision.deny(name() + ": only own and children's records go to peers");
        }
    }

    /** Only a configured neighbour may send records here. */
    public static final class KnownSender implements PolicyFunction<LinkRead> {
        public String name() { return "known-sender"; }

        public Decision evaluate(LinkRead c) {
            return c.role().isPresent() ? Decision.permit(name()) : Decision.deny(c.sender() + " is not a neighbour of this node");
        }
    }

    /** Only categories of this node's catalogue are taken. */
    public static final class KnownCategory implements PolicyFunction<LinkRead> {
        public String name() { return "known-category"; }

        public Decision evaluate(LinkRead c) {
            return c.category().isPresent() ? Decision.permit(name())
                    : Decision.deny("category " + c.categoryId() + " is not in this node's catalogue");
        }
    }

    /** What each role may send: children what goes up, the parent what comes down, a peer what its link shares. */
    public static final class SenderRoleCarries implements PolicyFunction<LinkRead> {
        private final Neighbours neighbours;

        public SenderRoleCarries(Neighbours neighbours) { this.neighbours = neighbours; }

        public String name() { return "sender-role-carries"; }

        public Decision evaluate(LinkRead c) {
            if (c.role().isEmpty() || c.category().isEmpty()) return Decision.permit(name() + ": decided elsewhere");
            String cat = c.categoryId();
            return switch (c.role().get()) {
                case CHILD -> c.category().get().isAggregated() ? Decision.permit(name())
                        : Decision.deny(cat + " is not aggregated upward by the catalogue");
                case PARENT -> c.category().get().isDistributed() ? Decision.permit(name())
                        : Decision.deny(cat + " is not distributed downward by the catalogue");
                case PEER -> neighbours.sharedWith(c.sender()).contains(cat) ? Decision.permit(name())
                        : Decision.deny(cat + " is not shared with peer " + c.sender() + " by this node's policy");
            };
        }
    }
}
