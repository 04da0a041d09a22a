package dev.switchboard.websocket;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

import org.springframework.stereotype.Component;
import org.springframework.web.context.ServletContextAware;

/**
 * Keeps the container's per-connection buffer for incoming WebSocket messages small: a
 * longer message reaches the handlers in parts, which the STOMP decoder (or the raw
 * endpoint) joins up to its own size limit, so an idle connection holds little memory.
 */
@Component
class WebSocketBuffers implements ServletContextAware {

	/** Characters (text) or bytes (binary) of a message that are handed over at once. */
	static final int MESSAGE_BUFFER_SIZE = 256;

	@Override
	public void setServletContext(ServletContext servletContext) {
		if (servletContext.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
			container.setDefaultMaxTextMessageBufferSize(MESSAGE_BUFFER_SIZE);
			container.setDefaultMaxBinaryMessageBufferSize(MESSAGE_BUFFER_SIZE);
		}
	}

}
