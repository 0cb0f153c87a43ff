package org.creditnode.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.creditnode.access.Secrets;
import org.creditnode.http.ApiError;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;

import java.sql.SQLException;

/**
 * In front of every resource of one listener: requests under {@code prefix} are let in only by
 * {@link #admit}; a refusal is audited (by the account id a presented token names, never the
 * token) and answered with the protocol's error body.
 */
abstract class Gate implements ContainerRequestFilter {
    private final String prefix;
    protected final AuditLog audit;

    Gate(String prefix, AuditLog audit) {
        this.prefix = prefix;
        this.audit = audit;
    }

    /** Lets the caller in (and remembers who it is) or throws the Problem that refuses it. */
    abstract void admit(ContainerRequestContext ctx, String what) throws SQLException;

    /** The audit kind of a refusal. */
    abstract String refusedKind(Problem p);

    @Override
    public final void filter(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (path.startsWith("/")) path = path.substring(1);
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) return;
        String what = ctx.getMethod() + " /" + path;
        try {
            admit(ctx, what);
        } catch (Problem p) {
            audit.byAccount(refusedKind(p), Secrets.holderId(Secrets.bearer(ctx.getHeaderString("Authorization"))), p.code(), what + ": " + p.getMessage());
            ctx.abortWith(ApiError.response(p));
        } catch (SQLException e) {
            ctx.abortWith(ApiError.response(503, "STORE_UNAVAILABLE", "credentials cannot be checked now: SQLSTATE " + e.getSQLState()));
        }
    }
}
