package dev.switchboard.config;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sizes the socket buffers Tomcat gives every connection from {@link BufferProperties}.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

	@Bean
	TomcatConnectorCustomizer socketBuffers(BufferProperties buffers) {
		String size = Long.toString(buffers.socket().toBytes());
		return (connector) -> {
			connector.setProperty("socket.appReadBufSize", size);
			connector.setProperty("socket.appWriteBufSize", size);
		};
	}

}
