package org.creditnode.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.creditnode.http.Contracts;

/**
 * The embeddable check page (信用核查小插件, JX19 §15): static HTML, CSS and script that call
 * {@code POST /api/v1/checks} from the browser with the key the approval system puts in the URL's
 * fragment. The files hold no data, so they are served without credentials; the check itself is
 * authenticated and query-logged. The page may be framed by approval systems; it sends no
 * referrer and loads nothing from elsewhere.
 */
@Path("/")
public final class CheckPage {
    private final byte[] html = Contracts.load("/web/check.html");
    private final byte[] css = Contracts.load("/web/check.css");
    private final byte[] js = Contracts.load("/web/check.js");

    @GET
    @Path("check")
    @Produces("text/html; charset=utf-8")
    public Response page() {
        return secured(Response.ok(html, "text/html; charset=utf-8"));
    }

    @GET
    @Path("check.css")
    @Produces("text/css; charset=utf-8")
    public Response style() {
        return secured(Response.ok(css, "text/css; charset=utf-8"));
    }

    @GET
    @Path("check.js")
    @Produces("text/javascript; charset=utf-8")
    public Response script() {
        return secured(Response.ok(js, "text/javascript; charset=utf-8"));
    }

    private static Response secured(Response.ResponseBuilder r) {
        return r.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'")
                .header("Referrer-Policy", "no-referrer").header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache").build();
    }
}
