package org.creditnode.api;

import org.apache.cxf.phase.PhaseInterceptorChain;
import org.creditnode.account.Account;
import org.creditnode.account.Operator;

/**
 * The caller the gate authenticated for the request being answered. The gates put it on CXF's
 * exchange; resources read it here instead of taking the Authorization header themselves.
 */
final class Callers {
    static final String ACCOUNT = "credit-node.account";
    static final String OPERATOR = "credit-node.operator";

    private Callers() {
    }

    /** Called by a gate: the caller stays with the request's exchange until the answer is sent. */
    static void set(String key, Object caller) {
        PhaseInterceptorChain.getCurrentMessage().getExchange().put(key, caller);
    }

    static Account account() {
        Object a = PhaseInterceptorChain.getCurrentMessage().getExchange().get(ACCOUNT);
        if (a == null) throw new IllegalStateException("no authenticated account on this request: the department gate did not run");
        return (Account) a;
    }

    static Operator operator() {
        Object o = PhaseInterceptorChain.getCurrentMessage().getExchange().get(OPERATOR);
        if (o == null) throw new IllegalStateException("no authenticated operator on this request: the operator gate did not run");
        return (Operator) o;
    }
}
