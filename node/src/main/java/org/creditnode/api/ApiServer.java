package org.creditnode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;

import java.util.List;

/** The node's HTTP endpoint: CXF JAX-RS on Jetty, one server for all resources of one address. */
public final class ApiServer implements AutoCloseable {
    private final Server server;
    private final Bus bus;
    private final String address;

    public ApiServer(String host, int port, ObjectMapper json, List<Object> resources) {
        this.address = "http://" + host + ":" + port + "/";
        this.bus = BusFactory.newInstance().createBus();
        JAXRSServerFactoryBean f = new JAXRSServerFactoryBean();
        f.setBus(bus);
        f.setAddress(address);
        f.setResourceProviders(resources.stream().map(SingletonResourceProvider::new)
                .map(p -> (org.apache.cxf.jaxrs.lifecycle.ResourceProvider) p).toList());
        f.setProviders(List.of(new JacksonJsonProvider(json), new ErrorMapper()));
        this.server = f.create();
    }

    public String address() { return address; }

    @Override
    public void close() {
        server.stop();
        server.destroy();
        bus.shutdown(true);
    }
}
