package org.creditnode.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.creditnode.access.AccessControl;
import org.creditnode.account.Operator;
import org.creditnode.account.OperatorRole;
import org.creditnode.http.ApiError;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;

import java.sql.SQLException;

/**
 * In front of every resource of the admin listener: {@code /admin/v1} answers operator tokens
 * only; an auditor's token reads (GET) and nothing else. Every refusal is audited, and so is
 * every act that changes something (who did what, not only that it was done).
 */
@PreMatching
@Priority(1000)
public final class OperatorGate implements ContainerRequestFilter {
    private final AccessControl access;
    private final AuditLog audit;

    public OperatorGate(AccessControl access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (path.startsWith("/")) path = path.substring(1);
        if (!path.equals("admin/v1") && !path.startsWith("admin/v1/")) return;
        String what = ctx.getMethod() + " /" + path;
        try {
            Operator o = access.authenticateOperator(ctx.getHeaderString("Authorization"));
            boolean reads = ctx.getMethod().equals("GET") || ctx.getMethod().equals("HEAD");
            if (o.role() == OperatorRole.AUDITOR && !reads) {
                throw new Problem(Problem.Kind.FORBIDDEN, "ROLE_NOT_ALLOWED", "operator " + o.id() + " (" + o.name()
                        + ") is an AUDITOR: read-only; " + what + " needs an OPERATOR token");
            }
            Callers.set(Callers.OPERATOR, o);
            if (!reads) audit.byAccount("ADMIN_ACT", o.id(), "OPERATOR", what + " by " + o.name());
        } catch (Problem p) {
            audit.byAccount("ADMIN_REFUSED", DepartmentGate.accountHint(ctx), p.code(), what + ": " + p.getMessage());
            ctx.abortWith(ApiError.response(p));
        } catch (SQLException e) {
            ctx.abortWith(ApiError.response(503, "STORE_UNAVAILABLE", "credentials cannot be checked now: SQLSTATE " + e.getSQLState()));
        }
    }
}
