package org.creditnode.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.ResourceProvider;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.creditnode.config.NodeConfig;
import org.creditnode.http.ErrorMapper;
import org.creditnode.http.JettyEngines;

/**
 * The node-to-node endpoint: CXF JAX-RS on Jetty over mutual TLS. A client without a certificate
 * chaining to the federation's TLS anchors fails the handshake; resources then learn the caller
 * through {@link CallerIdentity} and decide with {@link CallerPolicy}.
 *
 * <p>Each server has its own CXF Bus. CXF's Jetty engines, however, live in a JVM-wide map keyed by
 * port only, so: one port per server, and {@link #close()} removes this port's engine explicitly.
 */
public final class FederationServer implements AutoCloseable {
    private final Bus bus;
    private final Server server;
    private final int port;
    private final String address;

    public FederationServer(String host, int port, TlsMaterial tls, ObjectMapper json, List<Object> resources) {
        this(host, port, tls, json, resources, new NodeConfig.Federation().maxBodyBytes);
    }

    public FederationServer(String host, int port, TlsMaterial tls, ObjectMapper json, List<Object> resources, long maxBodyBytes) {
        if (tls.keyManagers() == null) {
            throw new IllegalArgumentException("a federation server needs its own TLS certificate");
        }
        this.port = port;
        this.address = "https://" + host + ":" + port + "/";
        this.bus = BusFactory.newInstance().createBus();
        boolean engineCreated = false;
        try {
            JettyHTTPServerEngineFactory engines = JettyEngines.factory(bus);
            if (engines.retrieveJettyHTTPServerEngine(port) != null) { // would silently reuse another server's TLS setup
                throw new IllegalStateException("port " + port + " already has a CXF Jetty engine in this JVM");
            }
            engines.setTLSServerParametersForPort(host, port, serverParameters(tls));
            engineCreated = true;
            JettyHTTPServerEngine engine = engines.retrieveJettyHTTPServerEngine(port);
            JettyEngines.guard(engine, maxBodyBytes);
            JAXRSServerFactoryBean f = new JAXRSServerFactoryBean();
            f.setBus(bus);
            f.setAddress(address);
            List<ResourceProvider> providers = new ArrayList<>();
            for (Object r : resources) {
                providers.add(new SingletonResourceProvider(r));
            }
            // providers only: also calling setResourceClasses registers each class twice
            // (CXF then warns "equal candidates" on every request)
            f.setResourceProviders(providers);
            f.setProviders(List.of(new JacksonJsonProvider(json), new ErrorMapper()));
            this.server = f.create();
            JettyEngines.jsonErrors(engine, address);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            if (engineCreated) { // never tear down an engine another server owns
                JettyHTTPServerEngineFactory.destroyForPort(port);
            }
            bus.shutdown(true);
            throw new IllegalStateException("cannot start federation server on " + address + ": " + e.getMessage(), e);
        }
    }

    static TLSServerParameters serverParameters(TlsMaterial tls) {
        TLSServerParameters p = new TLSServerParameters();
        p.setKeyManagers(tls.keyManagers());
        p.setTrustManagers(tls.trustManagers());
        p.setSecureSocketProtocol("TLS");
        p.setIncludeProtocols(TlsMaterial.PROTOCOLS);
        if (!tls.cipherSuites().isEmpty()) p.setCipherSuites(tls.cipherSuites());
        ClientAuthentication auth = new ClientAuthentication();
        auth.setWant(true);
        auth.setRequired(true); // no client certificate, no connection
        p.setClientAuthentication(auth);
        return p;
    }

    /** Base address, e.g. {@code https://127.0.0.1:8443/}. */
    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stop();
        server.destroy();
        JettyHTTPServerEngineFactory.destroyForPort(port); // stops Jetty and frees the port's map entry
        // Bus shutdown runs the engine factory's hook over the JVM-wide engine map: with several
        // servers in one JVM (tests) it logs "Failed to shutdown Jetty server on port N because it
        // is still in use" for the others and leaves them running, which is what we want.
        bus.shutdown(true);
    }
}
