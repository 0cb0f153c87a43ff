package org.creditnode.route;

import org.creditnode.config.NodeConfig;
import org.creditnode.policy.Decision;
import org.creditnode.policy.LinkPush;
import org.creditnode.policy.LinkRead;
import org.creditnode.policy.Neighbours;
import org.creditnode.policy.Policies;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Role;
import org.creditnode.policy.Scope;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a record goes next, and what a neighbour may send here: the link scopes of the policy
 * engine ({@link org.creditnode.policy.LinkRules}) asked for this node's neighbours. Routing is
 * asked once per record and hop, so the destinations of each (category, arrival link) pair are
 * computed once: they depend only on the configuration.
 */
public final class LinkRouter {
    private static final String OWN = "";

    private final Catalogue catalogue;
    private final Neighbours neighbours;
    private final PolicyEngine policies;
    private final Map<String, Map<String, List<String>>> destinations = new ConcurrentHashMap<>();

    public LinkRouter(NodeConfig config, Catalogue catalogue) {
        this(Neighbours.of(config), catalogue);
    }

    public LinkRouter(Neighbours neighbours, Catalogue catalogue) {
        this.catalogue = catalogue;
        this.neighbours = neighbours;
        this.policies = Policies.standard(neighbours);
    }

    public Optional<Role> roleOf(String nodeId) { return neighbours.roleOf(nodeId); }

    public Neighbours neighbours() { return neighbours; }

    /** The neighbours a record of {@code category} goes to, having arrived via {@code via} (null: this node's own). */
    public List<String> destinations(String category, String via) {
        return destinations.computeIfAbsent(category, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(via == null ? OWN : via, v -> decide(category, via));
    }

    private List<String> decide(String category, String via) {
        Optional<CategorySpec> spec = catalogue.category(category);
        if (spec.isEmpty()) return List.of();
        Optional<Role> from = via == null ? Optional.empty() : roleOf(via);
        List<String> links = new ArrayList<>();
        neighbours.parent().ifPresent(links::add);
        links.addAll(neighbours.children());
        links.addAll(neighbours.peers());
        List<String> out = new ArrayList<>();
        for (String link : links) {
            LinkPush push = new LinkPush(spec.get(), via, from, link, roleOf(link).orElseThrow());
            if (policies.evaluate(Scope.LINK_PUSH, push, LocalDate.now()).permitted()) out.add(link);
        }
        return List.copyOf(out);
    }

    /** Whether {@code sender} may send this node a record of {@code category}; empty if so, else the reason. */
    public Optional<String> refusesFrom(String sender, String category) {
        Decision d = policies.evaluate(Scope.LINK_READ, new LinkRead(sender, roleOf(sender), category, catalogue.category(category)),
                LocalDate.now());
        return d.permitted() ? Optional.empty() : Optional.of(d.reason());
    }

    /**
     * Whether the link to {@code neighbour} carries complete origin logs (so gaps are real gaps): a
     * child's, when every category goes up. Catch-up pulls from the watermark on such a link, and
     * only above the highest record held on any other, so a category that does not go up leaves a
     * record lost in flight from a child unrepaired below the highest one.
     */
    public boolean isComplete(String neighbour) {
        return roleOf(neighbour).orElse(null) == Role.CHILD && notAggregated().isEmpty();
    }

    /** The catalogue's categories that do not go up to the parent. */
    public List<String> notAggregated() {
        return catalogue.categories().stream().filter(c -> !catalogue.category(c).orElseThrow().isAggregated()).sorted().toList();
    }
}
