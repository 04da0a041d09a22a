package dev.switchboard.support;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A WebSocket session that keeps what is written to it and how it was closed.
 */
public class StubWebSocketSession implements WebSocketSession {

	private final String id;

	private final Principal user;

	private final Map<String, Object> attributes = new HashMap<>();

	private final List<WebSocketMessage<?>> sent = new CopyOnWriteArrayList<>();

	private volatile CloseStatus closeStatus;

	public StubWebSocketSession(String id, Principal user) {
		this.id = id;
		this.user = user;
	}

	/**
	 * Everything written so far.
	 */
	public List<WebSocketMessage<?>> sent() {
		return this.sent;
	}

	/**
	 * The payloads of the text messages written so far.
	 */
	public List<String> texts() {
		return this.sent.stream()
			.filter(TextMessage.class::isInstance)
			.map((message) -> ((TextMessage) message).getPayload())
			.toList();
	}

	/**
	 * How the session was closed, or {@code null} while open.
	 */
	public CloseStatus closeStatus() {
		return this.closeStatus;
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public Principal getPrincipal() {
		return this.user;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) {
		this.sent.add(message);
	}

	@Override
	public boolean isOpen() {
		return this.closeStatus == null;
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) {
		this.closeStatus = status;
	}

	@Override
	public URI getUri() {
		return URI.create("ws://localhost/raw");
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return new HttpHeaders();
	}

	@Override
	public String getAcceptedProtocol() {
		return null;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getTextMessageSizeLimit() {
		return 0;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return 0;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	@Override
	public InetSocketAddress getLocalAddress() {
		return null;
	}

	@Override
	public InetSocketAddress getRemoteAddress() {
		return null;
	}

}
