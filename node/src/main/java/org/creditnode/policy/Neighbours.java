package org.creditnode.policy;

import org.creditnode.config.NodeConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** This node's neighbours and their roles, as its configuration names them. */
public final class Neighbours {
    private final String parent;
    private final List<String> children;
    private final Map<String, Set<String>> peerCategories;

    public Neighbours(String parent, List<String> children, Map<String, Set<String>> peerCategories) {
        this.parent = parent;
        this.children = List.copyOf(children);
        this.peerCategories = Map.copyOf(peerCategories);
    }

    public static Neighbours of(NodeConfig config) {
        return new Neighbours(config.node.parent == null ? null : config.node.parent.id,
                config.node.children.stream().map(l -> l.id).toList(),
                config.node.peers.stream().collect(Collectors.toMap(l -> l.id, l -> new HashSet<>(l.categories))));
    }

    public Optional<Role> roleOf(String nodeId) {
        if (nodeId == null) return Optional.empty();
        if (nodeId.equals(parent)) return Optional.of(Role.PARENT);
        if (children.contains(nodeId)) return Optional.of(Role.CHILD);
        if (peerCategories.containsKey(nodeId)) return Optional.of(Role.PEER);
        return Optional.empty();
    }

    public Optional<String> parent() { return Optional.ofNullable(parent); }

    public List<String> children() { return children; }

    public Set<String> peers() { return peerCategories.keySet(); }

    /** The categories a peer link shares (its sharing policy). */
    public Set<String> sharedWith(String peer) { return peerCategories.getOrDefault(peer, Set.of()); }
}
