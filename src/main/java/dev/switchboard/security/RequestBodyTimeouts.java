package dev.switchboard.security;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's side of the limits on slow request bodies: every read of a request body gets
 * Tomcat's upload timeout ({@code switchboard.security.requests.read-timeout}) instead of
 * the connection timeout, so a client that stops sending its body is dropped after it;
 * and a connection whose request body was left unread is closed instead of read to its
 * end at the client's pace ({@link UnreadBodyValve} after error responses, and
 * {@code maxSwallowSize} 0 for the rest; Tomcat's default drains up to 2 MB on a worker).
 * WebSocket connections are not affected (Tomcat clears their read timeout on the
 * upgrade).
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyTimeouts {

	@Bean
	TomcatConnectorCustomizer requestBodyReadTimeout(RequestLimitsProperties properties) {
		String timeout = Long.toString(properties.readTimeout().toMillis());
		return (connector) -> {
			connector.setProperty("disableUploadTimeout", "false");
			connector.setProperty("connectionUploadTimeout", timeout);
			connector.setProperty("maxSwallowSize", "0");
		};
	}

	@Bean
	TomcatContextCustomizer closeConnectionsWithUnreadBodies() {
		return (context) -> context.getPipeline().addValve(new UnreadBodyValve());
	}

}
