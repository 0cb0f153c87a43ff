package org.creditnode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;

import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.creditnode.federation.TlsMaterial;
import org.creditnode.http.ErrorMapper;
import org.creditnode.http.JettyEngines;

import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP listener of the node (department or admin): CXF JAX-RS on Jetty, one server for all
 * resources of one address, with the listener's gate in front of them. Plain HTTP, or HTTPS with
 * the node's TLS certificate when {@code tls} is given (department systems then check the
 * node's certificate against the federation's TLS anchors; no client certificate is asked for).
 */
public final class ApiServer implements AutoCloseable {
    private final Server server;
    private final Bus bus;
    private final String address;

    /** What a listener takes: the largest body, and how long a connection may stall. */
    public record Limits(long maxBodyBytes, long idleTimeoutMs) {
    }

    public ApiServer(String host, int port, TlsMaterial tls, ObjectMapper json, List<Object> resources, List<Object> gates,
                     Limits limits) {
        this.address = (tls == null ? "http://" : "https://") + host + ":" + port + "/";
        this.bus = BusFactory.newInstance().createBus();
        JettyHTTPServerEngine engine;
        try {
            JettyHTTPServerEngineFactory engines = JettyEngines.factory(bus);
            if (tls != null) {
                engines.setTLSServerParametersForPort(host, port, serverParameters(tls));
                engine = engines.retrieveJettyHTTPServerEngine(port);
            } else {
                engine = engines.createJettyHTTPServerEngine(host, port, "http");
            }
        } catch (Exception e) {
            bus.shutdown(true);
            throw new IllegalStateException("cannot prepare the HTTP listener on " + address + ": " + e.getMessage(), e);
        }
        JettyEngines.guard(engine, limits.maxBodyBytes());
        JettyEngines.idleTimeout(engine, limits.idleTimeoutMs());
        JAXRSServerFactoryBean f = new JAXRSServerFactoryBean();
        f.setBus(bus);
        f.setAddress(address);
        f.setResourceProviders(resources.stream().map(SingletonResourceProvider::new)
                .map(p -> (org.apache.cxf.jaxrs.lifecycle.ResourceProvider) p).toList());
        List<Object> providers = new ArrayList<>(List.of(new JacksonJsonProvider(json), new ErrorMapper()));
        providers.addAll(gates);
        f.setProviders(providers);
        this.server = f.create();
        JettyEngines.jsonErrors(engine, address);
    }

    private static TLSServerParameters serverParameters(TlsMaterial tls) {
        TLSServerParameters p = new TLSServerParameters();
        p.setKeyManagers(tls.keyManagers());
        p.setSecureSocketProtocol("TLS");
        p.setIncludeProtocols(TlsMaterial.PROTOCOLS);
        ClientAuthentication auth = new ClientAuthentication();
        auth.setWant(false);
        auth.setRequired(false);
        p.setClientAuthentication(auth);
        return p;
    }

    public String address() { return address; }

    @Override
    public void close() {
        server.stop();
        server.destroy();
        bus.shutdown(true);
    }
}
