package org.creditnode.access;

import org.creditnode.account.Account;
import org.creditnode.problem.Problem;

import java.util.Locale;

/**
 * The authority an account acts for in one request: the one it names (it must be the account's),
 * or the account's only one. A workflow record (an objection, a repair request, a joint action's
 * step) is signed by the node in that authority's name.
 */
public final class ActingAuthority {
    private ActingAuthority() {
    }

    /** The authority, or a 400 with {@code code} naming the field "authority" and why. */
    public static String of(Account a, String asked, String code) {
        if (asked != null && !asked.isBlank()) {
            String c = asked.trim().toUpperCase(Locale.ROOT);
            if (!a.authorities().contains(c)) {
                throw new Problem(Problem.Kind.BAD_REQUEST, code, "authority: account " + a.id() + " acts for " + a.authorities() + ", not " + c);
            }
            return c;
        }
        if (a.authorities().size() != 1) {
            throw new Problem(Problem.Kind.BAD_REQUEST, code, "authority: account " + a.id() + " acts for " + a.authorities() + ": name one");
        }
        return a.authorities().iterator().next();
    }
}
