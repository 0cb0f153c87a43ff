package org.creditnode.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the node's rules are evaluated: named functions registered per scope, all
 * of which must permit (Eclipse Dataspace Components' policy engine is the model). A scope with no
 * function applicable on the date denies: nothing is allowed by default.
 */
public final class PolicyEngine {
    private record Registered(Class<?> contextType, PolicyFunction<?> function) {
    }

    private final Map<Scope, List<Registered>> functions = new EnumMap<>(Scope.class);

    public <C> PolicyEngine register(Scope scope, Class<C> contextType, PolicyFunction<C> function) {
        functions.computeIfAbsent(scope, s -> new ArrayList<>()).add(new Registered(contextType, function));
        return this;
    }

    /** The decision of every function of {@code scope} that applies on {@code date}. */
    @SuppressWarnings("unchecked")
    public <C> Decision evaluate(Scope scope, C context, LocalDate date) {
        Decision result = null;
        for (Registered r : functions.getOrDefault(scope, List.of())) {
            if (!r.contextType().isInstance(context)) {
                throw new IllegalArgumentException("scope " + scope + " takes " + r.contextType().getSimpleName()
                        + ", not " + context.getClass().getSimpleName());
            }
            PolicyFunction<C> f = (PolicyFunction<C>) r.function();
            if (!f.appliesOn(date)) continue;
            Decision d = f.evaluate(context);
            result = result == null ? d : result.and(d);
        }
        return result != null ? result : Decision.deny("no rule of scope " + scope + " applies on " + date);
    }
}
