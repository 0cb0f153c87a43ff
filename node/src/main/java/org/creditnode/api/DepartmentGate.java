package org.creditnode.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.PreMatching;
import org.creditnode.access.AccessControl;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;

import java.sql.SQLException;

/**
 * The department listener's gate: {@code /api/v1} answers authenticated accounts only (401 for
 * no, bad, revoked or expired keys; 429 over the account's rate), each refusal audited.
 * {@code /health}, the OpenAPI document and the public view need no credentials.
 */
@PreMatching
@Priority(1000)
public final class DepartmentGate extends Gate {
    private final AccessControl access;

    public DepartmentGate(AccessControl access, AuditLog audit) {
        super("api/v1", audit);
        this.access = access;
    }

    @Override
    void admit(ContainerRequestContext ctx, String what) throws SQLException {
        Callers.set(Callers.ACCOUNT, access.authenticate(ctx.getHeaderString("Authorization")));
    }

    @Override
    String refusedKind(Problem p) {
        return p.kind() == Problem.Kind.TOO_MANY_REQUESTS ? "RATE_LIMITED" : "AUTH_REFUSED";
    }
}
