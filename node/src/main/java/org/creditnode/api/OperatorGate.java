package org.creditnode.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.PreMatching;
import org.creditnode.access.AccessControl;
import org.creditnode.account.Operator;
import org.creditnode.account.OperatorRole;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;

import java.sql.SQLException;

/**
 * The admin listener's gate: {@code /admin/v1} answers operator tokens only; an auditor's token
 * reads (GET) and nothing else. Every refusal is audited, and so is every act that changes
 * something (who did what, not only that it was done).
 */
@PreMatching
@Priority(1000)
public final class OperatorGate extends Gate {
    private final AccessControl access;

    public OperatorGate(AccessControl access, AuditLog audit) {
        super("admin/v1", audit);
        this.access = access;
    }

    @Override
    void admit(ContainerRequestContext ctx, String what) throws SQLException {
        Operator o = access.authenticateOperator(ctx.getHeaderString("Authorization"));
        boolean reads = ctx.getMethod().equals("GET") || ctx.getMethod().equals("HEAD");
        if (o.role() == OperatorRole.AUDITOR && !reads) {
            throw new Problem(Problem.Kind.FORBIDDEN, "ROLE_NOT_ALLOWED", "operator " + o.id() + " (" + o.name()
                    + ") is an AUDITOR: read-only; " + what + " needs an OPERATOR token");
        }
        Callers.set(Callers.OPERATOR, o);
        if (!reads) audit.byAccount("ADMIN_ACT", o.id(), "OPERATOR", what + " by " + o.name());
    }

    @Override
    String refusedKind(Problem p) {
        return "ADMIN_REFUSED";
    }
}
