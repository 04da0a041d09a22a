package dev.switchboard.websocket;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sizes Tomcat's per-connection socket read and write buffers from
 * {@code switchboard.websocket.socket-buffer-size}: every open connection holds both, so
 * with thousands of mostly idle WebSocket connections their 8 KB defaults are much of
 * what a connection costs. Reads and writes larger than a buffer take more than one
 * system call; frames are written from their own buffers whatever this size.
 */
@Configuration(proxyBeanMethods = false)
class TomcatSocketBuffers {

	static final String READ_BUFFER = "socket.appReadBufSize";

	static final String WRITE_BUFFER = "socket.appWriteBufSize";

	@Bean
	TomcatConnectorCustomizer socketBufferSize(WebSocketProperties properties) {
		String size = Long.toString(properties.socketBufferSize().toBytes());
		return (connector) -> {
			connector.setProperty(READ_BUFFER, size);
			connector.setProperty(WRITE_BUFFER, size);
		};
	}

}
