package org.creditnode.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.creditnode.access.AccessControl;
import org.creditnode.account.Account;
import org.creditnode.http.ApiError;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;

import java.sql.SQLException;

/**
 * In front of every resource of the department listener: {@code /api/v1} answers authenticated
 * accounts only (401 for no, bad, revoked or expired keys; 429 over the account's rate), each
 * refusal audited. {@code /health}, the OpenAPI document and the public view need no credentials.
 */
@PreMatching
@Priority(1000)
public final class DepartmentGate implements ContainerRequestFilter {
    private final AccessControl access;
    private final AuditLog audit;

    public DepartmentGate(AccessControl access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (path.startsWith("/")) path = path.substring(1);
        if (!path.equals("api/v1") && !path.startsWith("api/v1/")) return;
        try {
            Account a = access.authenticate(ctx.getHeaderString("Authorization"));
            Callers.set(Callers.ACCOUNT, a);
        } catch (Problem p) {
            audit.byAccount(p.kind() == Problem.Kind.TOO_MANY_REQUESTS ? "RATE_LIMITED" : "AUTH_REFUSED", accountHint(ctx), p.code(),
                    ctx.getMethod() + " /" + path + ": " + p.getMessage());
            ctx.abortWith(ApiError.response(p));
        } catch (SQLException e) {
            ctx.abortWith(ApiError.response(503, "STORE_UNAVAILABLE", "credentials cannot be checked now: SQLSTATE " + e.getSQLState()));
        }
    }

    /** The account id a presented key names (never the key itself), for the audit entry. */
    static String accountHint(ContainerRequestContext ctx) {
        String token = org.creditnode.access.Secrets.bearer(ctx.getHeaderString("Authorization"));
        if (token == null) return null;
        String[] parts = token.split("\\.");
        return parts.length == 3 && parts[1].matches("[a-z2-9]{12}") ? parts[1] : null;
    }
}
