package org.creditnode.route;

import org.creditnode.config.NodeConfig;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a record goes next, and what a neighbour may send here. Upward: every category the
 * catalogue marks {@code aggregate}, from this node and from its children. Downward: categories
 * marked {@code distribute}, from this node and from its parent, to every child. Peers: the
 * categories the peer link names, from this node and its children; never relayed peer to peer.
 * A record never goes back to the link it came from.
 */
public final class LinkRouter {
    public enum Role { PARENT, CHILD, PEER }

    private final Catalogue catalogue;
    private final String parent;
    private final List<String> children;
    private final Map<String, Set<String>> peerCategories;

    public LinkRouter(NodeConfig config, Catalogue catalogue) {
        this.catalogue = catalogue;
        this.parent = config.node.parent == null ? null : config.node.parent.id;
        this.children = config.node.children.stream().map(l -> l.id).toList();
        this.peerCategories = config.node.peers.stream()
                .collect(Collectors.toMap(l -> l.id, l -> new HashSet<>(l.categories)));
    }

    public Optional<Role> roleOf(String nodeId) {
        if (nodeId == null) return Optional.empty();
        if (nodeId.equals(parent)) return Optional.of(Role.PARENT);
        if (children.contains(nodeId)) return Optional.of(Role.CHILD);
        if (peerCategories.containsKey(nodeId)) return Optional.of(Role.PEER);
        return Optional.empty();
    }

    /** The neighbours a record of {@code category} goes to, having arrived via {@code via} (null: this node's own). */
    public List<String> destinations(String category, String via) {
        Optional<CategorySpec> spec = catalogue.category(category);
        if (spec.isEmpty()) return List.of();
        Role from = via == null ? null : roleOf(via).orElse(null);
        if (via != null && from == null) return List.of(); // arrived from a link no longer configured
        List<String> out = new ArrayList<>();
        if (parent != null && spec.get().isAggregated() && (from == null || from == Role.CHILD)) out.add(parent);
        if (spec.get().isDistributed() && (from == null || from == Role.PARENT)) out.addAll(children);
        if (from == null || from == Role.CHILD) {
            peerCategories.forEach((peer, cats) -> {
                if (cats.contains(category)) out.add(peer);
            });
        }
        out.remove(via);
        return out;
    }

    /** Whether {@code sender} may send this node a record of {@code category}; empty if so, else the reason. */
    public Optional<String> refusesFrom(String sender, String category) {
        Optional<Role> role = roleOf(sender);
        Optional<CategorySpec> spec = catalogue.category(category);
        if (role.isEmpty()) return Optional.of(sender + " is not a neighbour of this node");
        if (spec.isEmpty()) return Optional.of("category " + category + " is not in this node's catalogue");
        return switch (role.get()) {
            case CHILD -> spec.get().isAggregated() ? Optional.empty()
                    : Optional.of(category + " is not aggregated upward by the catalogue");
            case PARENT -> spec.get().isDistributed() ? Optional.empty()
                    : Optional.of(category + " is not distributed downward by the catalogue");
            case PEER -> peerCategories.get(sender).contains(category) ? Optional.empty()
                    : Optional.of(category + " is not shared with peer " + sender + " by this node's policy");
        };
    }

    /** Whether the link to {@code neighbour} carries complete origin logs (so gaps are real gaps). */
    public boolean isComplete(String neighbour) {
        return roleOf(neighbour).orElse(null) == Role.CHILD
                && catalogue.categories().stream().allMatch(c -> catalogue.category(c).orElseThrow().isAggregated());
    }
}
