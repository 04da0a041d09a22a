package dev.switchboard.config;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Sizes the per-connection buffers of Tomcat and of its WebSocket container from
 * {@link BufferProperties}.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

	@Bean
	ServletServerContainerFactoryBean webSocketContainer(BufferProperties buffers) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize((int) buffers.message().toBytes());
		container.setMaxBinaryMessageBufferSize((int) buffers.message().toBytes());
		return container;
	}

	@Bean
	TomcatConnectorCustomizer socketBuffers(BufferProperties buffers) {
		String size = Long.toString(buffers.socket().toBytes());
		return (connector) -> {
			connector.setProperty("socket.appReadBufSize", size);
			connector.setProperty("socket.appWriteBufSize", size);
		};
	}

}
