package org.creditnode.http;

import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

import java.net.URL;
import java.util.List;

/**
 * What every listener of the node gets from Jetty, whatever CXF builds on it: the request guard
 * in front of CXF and JSON error bodies for what Jetty answers itself.
 */
public final class JettyEngines {
    private JettyEngines() {
    }

    /** The bus's engine factory, registering one if the bus has none yet. */
    public static JettyHTTPServerEngineFactory factory(Bus bus) {
        JettyHTTPServerEngineFactory engines = bus.getExtension(JettyHTTPServerEngineFactory.class);
        return engines != null ? engines : new JettyHTTPServerEngineFactory(bus); // registers itself on the bus
    }

    /** Before the endpoint is created: put the guard in front of the handlers CXF will add. */
    public static void guard(JettyHTTPServerEngine engine, long maxBodyBytes) {
        engine.setHandlers(List.of(new RequestGuard(maxBodyBytes)));
    }

    /**
     * Before the endpoint is created: how long a connection may stall. A slow-loris client holds a
     * connection at most this long.
     */
    public static void idleTimeout(JettyHTTPServerEngine engine, long idleTimeoutMs) {
        engine.setMaxIdleTime((int) Math.min(Integer.MAX_VALUE, idleTimeoutMs));
    }

    /** After the endpoint is created (Jetty is running): JSON instead of Jetty's HTML error pages. */
    public static void jsonErrors(JettyHTTPServerEngine engine, String address) {
        engine.getServer().setErrorHandler(new JsonErrors());
        try {
            ServletContextHandler context = engine.getContextHandler(new URL(address));
            if (context != null) context.setErrorHandler(new JsonErrors());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("bad listener address " + address, e);
        }
    }
}
