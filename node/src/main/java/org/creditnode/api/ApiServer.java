package org.creditnode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;

import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.creditnode.http.ErrorMapper;
import org.creditnode.http.JettyEngines;

import java.util.List;

/** The node's HTTP endpoint: CXF JAX-RS on Jetty, one server for all resources of one address. */
public final class ApiServer implements AutoCloseable {
    private final Server server;
    private final Bus bus;
    private final String address;

    public ApiServer(String host, int port, ObjectMapper json, List<Object> resources, long maxBodyBytes) {
        this.address = "http://" + host + ":" + port + "/";
        this.bus = BusFactory.newInstance().createBus();
        JettyHTTPServerEngine engine;
        try {
            engine = JettyEngines.factory(bus).createJettyHTTPServerEngine(host, port, "http");
        } catch (Exception e) {
            bus.shutdown(true);
            throw new IllegalStateException("cannot prepare the HTTP listener on " + address + ": " + e.getMessage(), e);
        }
        JettyEngines.guard(engine, maxBodyBytes);
        JAXRSServerFactoryBean f = new JAXRSServerFactoryBean();
        f.setBus(bus);
        f.setAddress(address);
        f.setResourceProviders(resources.stream().map(SingletonResourceProvider::new)
                .map(p -> (org.apache.cxf.jaxrs.lifecycle.ResourceProvider) p).toList());
        f.setProviders(List.of(new JacksonJsonProvider(json), new ErrorMapper()));
        this.server = f.create();
        JettyEngines.jsonErrors(engine, address);
    }

    public String address() { return address; }

    @Override
    public void close() {
        server.stop();
        server.destroy();
        bus.shutdown(true);
    }
}
