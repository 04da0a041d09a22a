package dev.switchboard.raw;

import java.io.IOException;
import java.util.List;

import dev.switchboard.system.ClientErrorException;
import dev.switchboard.websocket.WebSocketProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The {@code /raw} endpoint: reads each connection's JSON commands and binary messages
 * (joined from their parts, up to the size limits) and hands them to the messaging
 * pipeline as STOMP frames. A command the pipeline cannot take is answered with an
 * {@code error}; a message over the limit closes the connection with 1009.
 *
 * <p>
 * The session passed in is the container's; writes go to the non-blocking one kept in
 * {@link RawSessions}.
 */
@Component
class RawWebSocketHandler extends AbstractWebSocketHandler {

	private static final Log logger = LogFactory.getLog(RawWebSocketHandler.class);

	private final RawSessions sessions;

	private final RawCommands commands;

	private final RawEvents events;

	private final JsonMapper json;

	private final long maxTextSize;

	private final long maxBinarySize;

	RawWebSocketHandler(RawSessions sessions, RawCommands commands, RawEvents events, JsonMapper json,
			WebSocketProperties webSocket, RawProperties properties) {
		this.sessions = sessions;
		this.commands = commands;
		this.events = events;
		this.json = json;
		this.maxTextSize = webSocket.maxMessageSize().toBytes();
		this.maxBinarySize = properties.maxBinaryMessageSize().toBytes();
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession webSocket) {
		if (webSocket.getPrincipal() == null) {
			// The handshake requires a user; without one, nothing must happen here.
			close(webSocket);
			return;
		}
		RawSession session = this.sessions.open(webSocket);
		this.sessions.send(session, List.of(this.commands.connect(session)));
		this.sessions.send(session, this.commands.subscribeUserQueues(session));
	}

	@Override
	protected void handleTextMessage(WebSocketSession webSocket, TextMessage message) {
		RawSession session = receiving(webSocket);
		if (session == null) {
			return;
		}
		if (!session.appendText(message.getPayload(), this.maxTextSize)) {
			tooLarge(session, "A text message may have at most " + this.maxTextSize + " bytes");
			return;
		}
		if (message.isLast()) {
			command(session, session.takeText());
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession webSocket, BinaryMessage message) {
		RawSession session = receiving(webSocket);
		if (session == null) {
			return;
		}
		if (!session.appendBinary(message.getPayload(), this.maxBinarySize)) {
			tooLarge(session, "A binary message may have at most " + this.maxBinarySize + " bytes");
			return;
		}
		if (message.isLast()) {
			try {
				this.sessions.send(session,
						List.of(this.commands.binary(session, BinaryFrames.parse(session.takeBinary()))));
			}
			catch (ClientErrorException ex) {
				session.write(this.events.error(ex.getCode(), ex.getMessage()));
			}
		}
	}

	@Override
	protected void handlePongMessage(WebSocketSession webSocket, PongMessage message) {
		receiving(webSocket);
	}

	@Override
	public void handleTransportError(WebSocketSession webSocket, Throwable exception) {
		logger.debug("Transport error on raw session " + webSocket.getId(), exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession webSocket, CloseStatus status) {
		RawSession session = this.sessions.get(webSocket.getId());
		if (session != null) {
			this.sessions.closed(session, this.commands.disconnect(session), status);
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	private RawSession receiving(WebSocketSession webSocket) {
		RawSession session = this.sessions.get(webSocket.getId());
		if (session == null || session.isClosing()) {
			return null;
		}
		session.received();
		return session;
	}

	private void command(RawSession session, String text) {
		RawCommand command;
		try {
			command = this.json.readValue(text, RawCommand.class);
		}
		catch (JacksonException ex) {
			session.write(this.events.error("bad-request",
					"Not a command: send a JSON object such as {\"type\":\"join\",\"room\":\"lobby\"}"));
			return;
		}
		try {
			this.sessions.send(session, this.commands.decode(command, session));
		}
		catch (ClientErrorException ex) {
			session.write(this.events.error(ex.getCode(), ex.getMessage(), command.ackId()));
			if (command.ackId() != null) {
				session.write(this.events.nack(command.ackId(), ex.getCode(), ex.getMessage()));
			}
		}
	}

	private void tooLarge(RawSession session, String message) {
		logger.info("Closing raw session " + session.id() + " of " + session.user().getName() + ": " + message);
		session.write(this.events.error("too-large", message));
		this.sessions.close(session, CloseStatus.TOO_BIG_TO_PROCESS);
	}

	private static void close(WebSocketSession webSocket) {
		try {
			webSocket.close(CloseStatus.POLICY_VIOLATION);
		}
		catch (IOException ex) {
			logger.debug("Failed to close raw session " + webSocket.getId(), ex);
		}
	}

}
