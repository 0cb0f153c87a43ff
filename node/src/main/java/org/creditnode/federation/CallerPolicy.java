package org.creditnode.federation;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which nodes may call which federation operations: a caller is allowed when its node id holds
 * one of the roles the operation names in this node's configuration (parent, children, peers).
 * Unknown callers hold no role and are refused everything. Every refusal is written to the audit log.
 */
public final class CallerPolicy {
    /** Audit trail of refused calls; route this logger to the audit appender. */
    private static final Logger AUDIT = LoggerFactory.getLogger("org.creditnode.audit.federation");

    public enum Role { PARENT, CHILD, PEER }

    private final Set<String> parents;
    private final Set<String> children;
    private final Set<String> peers;

    /** @param parent this node's parent id, or null for the national node */
    public CallerPolicy(String parent, Collection<String> children, Collection<String> peers) {
        this.parents = parent == null ? Set.of() : Set.of(parent);
        this.children = Set.copyOf(children);
        this.peers = Set.copyOf(peers);
    }

    public Set<Role> rolesOf(String caller) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (caller != null) {
            if (parents.contains(caller)) {
                roles.add(Role.PARENT);
            }
            if (children.contains(caller)) {
                roles.add(Role.CHILD);
            }
            if (peers.contains(caller)) {
                roles.add(Role.PEER);
            }
        }
        return roles;
    }

    public boolean allowed(String caller, Role... roles) {
        Set<Role> held = rolesOf(caller);
        for (Role r : roles) {
            if (held.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns {@code caller} if it may perform {@code operation}; otherwise audits the refusal and
     * throws {@link CallerRefused} (403 FORBIDDEN). Use with {@link CallerIdentity#current()}.
     */
    public String require(String caller, String operation, Role... roles) {
        if (allowed(caller, roles)) {
            return caller;
        }
        String who = caller == null ? "an unidentified caller" : "node " + caller;
        String message = who + " may not call " + operation + " (requires " + Set.of(roles) + ", holds " + rolesOf(caller) + ")";
        AUDIT.warn("federation call refused: caller={} operation={} required={} held={}", caller, operation, Set.of(roles), rolesOf(caller));
        throw new CallerRefused(message);
    }
}
