package org.creditnode.federation;

import org.creditnode.policy.Caller;
import org.creditnode.policy.Decision;
import org.creditnode.policy.Neighbours;
import org.creditnode.policy.Policies;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Role;
import org.creditnode.policy.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which nodes may call which federation operations: the {@link Scope#CALLER} scope of the policy
 * engine, asked with the roles this node's configuration gives the caller (parent, children,
 * peers). Unknown callers hold no role and are refused everything; every refusal is audited.
 */
public final class CallerPolicy {
    /** Audit trail of refused calls; route this logger to the audit appender. */
    private static final Logger AUDIT = LoggerFactory.getLogger("org.creditnode.audit.federation");

    private final Neighbours neighbours;
    private final PolicyEngine policies;

    /** @param parent this node's parent id, or null for the national node */
    public CallerPolicy(String parent, Collection<String> children, Collection<String> peers) {
        this(new Neighbours(parent, java.util.List.copyOf(children),
                peers.stream().collect(Collectors.toMap(p -> p, p -> Set.<String>of()))));
    }

    public CallerPolicy(Neighbours neighbours) {
        this.neighbours = neighbours;
        this.policies = Policies.standard(neighbours);
    }

    public Set<Role> rolesOf(String caller) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        neighbours.roleOf(caller).ifPresent(roles::add);
        return roles;
    }

    public boolean allowed(String caller, Role... roles) {
        return decide(caller, "?", roles).permitted();
    }

    private Decision decide(String caller, String operation, Role... roles) {
        Set<Role> required = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
        return policies.evaluate(Scope.CALLER, new Caller(caller, operation, rolesOf(caller), required), LocalDate.now());
    }

    /**
     * Returns {@code caller} if it may perform {@code operation}; otherwise audits the refusal and
     * throws {@link CallerRefused} (403 FORBIDDEN). Use with {@link CallerIdentity#current()}.
     */
    public String require(String caller, String operation, Role... roles) {
        Decision d = decide(caller, operation, roles);
        if (d.permitted()) return caller;
        AUDIT.warn("federation call refused: caller={} operation={} required={} held={}", caller, operation, Set.of(roles), rolesOf(caller));
        throw new CallerRefused(d.reason());
    }
}
