package dev.switchboard.raw;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * The open {@code /raw} connections, each a STOMP session of the messaging pipeline: they
 * send frames into the client inbound channel in the order received and publish the
 * session events Spring's STOMP handler would (for the user registry, presence and
 * limits). When the server stops, they are closed with 1012 (service restart).
 */
@Component
class RawSessions implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(RawSessions.class);

	private final Map<String, RawSession> sessions = new ConcurrentHashMap<>();

	private final ExecutorService closer = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "raw-closer");
		thread.setDaemon(true);
		return thread;
	});

	private final ObjectProvider<MessageChannel> clientInboundChannel;

	private final ApplicationEventPublisher events;

	private volatile boolean running;

	/**
	 * @param clientInboundChannel the channel itself, not a lazy proxy: keeping a
	 * connection's frames in order needs to know how many handlers it has
	 */
	RawSessions(@Qualifier("clientInboundChannel") ObjectProvider<MessageChannel> clientInboundChannel,
			ApplicationEventPublisher events) {
		this.clientInboundChannel = clientInboundChannel;
		this.events = events;
	}

	/**
	 * Register a new connection and return it; its frames keep their order.
	 */
	RawSession open(WebSocketSession webSocket) {
		RawSession session = new RawSession(webSocket,
				new OrderedMessageChannelDecorator(this.clientInboundChannel.getObject(), logger));
		this.sessions.put(session.id(), session);
		logger.debug("Raw session " + session.id() + " of " + session.user().getName() + " opened");
		return session;
	}

	/**
	 * The open connection with this id, or {@code null}.
	 */
	RawSession get(String id) {
		return (id != null) ? this.sessions.get(id) : null;
	}

	List<RawSession> all() {
		return List.copyOf(this.sessions.values());
	}

	/**
	 * Send a connection's frames into the pipeline, in order.
	 */
	void send(RawSession session, List<Message<byte[]>> frames) {
		for (Message<byte[]> frame : frames) {
			// Once sent, the frame's headers may be changed by the pipeline's
			// interceptors
			// on another thread: the events get a copy taken before.
			StompHeaderAccessor copy = StompHeaderAccessor.wrap(frame);
			session.inbound().send(frame);
			StompCommand command = copy.getCommand();
			Principal user = session.user();
			if (command == StompCommand.CONNECT) {
				this.events.publishEvent(new SessionConnectEvent(this, asSent(frame, copy), user));
			}
			else if (command == StompCommand.SUBSCRIBE) {
				this.events.publishEvent(new SessionSubscribeEvent(this, asSent(frame, copy), user));
			}
			else if (command == StompCommand.UNSUBSCRIBE) {
				this.events.publishEvent(new SessionUnsubscribeEvent(this, asSent(frame, copy), user));
			}
		}
	}

	private static Message<byte[]> asSent(Message<byte[]> frame, StompHeaderAccessor headers) {
		return MessageBuilder.createMessage(frame.getPayload(), headers.getMessageHeaders());
	}

	/**
	 * Forget a connection that closed and end its STOMP session.
	 * @param disconnect its DISCONNECT frame
	 */
	void closed(RawSession session, Message<byte[]> disconnect, CloseStatus status) {
		if (this.sessions.remove(session.id()) == null) {
			return;
		}
		logger.debug("Raw session " + session.id() + " of " + session.user().getName() + " closed: " + status);
		this.events.publishEvent(new SessionDisconnectEvent(this, disconnect, session.id(), status, session.user()));
		try {
			this.clientInboundChannel.getObject().send(disconnect);
		}
		catch (RuntimeException ex) {
			logger.debug("Failed to end the STOMP session of raw session " + session.id(), ex);
		}
	}

	/**
	 * Close a connection with the given status, without blocking the caller.
	 */
	void close(RawSession session, CloseStatus status) {
		if (session.startClosing()) {
			this.closer.execute(() -> closeNow(session, status));
		}
	}

	private static void closeNow(RawSession session, CloseStatus status) {
		try {
			session.webSocket().close(status);
		}
		catch (Exception ex) {
			logger.debug("Failed to close raw session " + session.id(), ex);
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		List<RawSession> open = all();
		open.forEach((session) -> {
			session.startClosing();
			closeNow(session, CloseStatus.SERVICE_RESTARTED);
		});
		if (!open.isEmpty()) {
			logger.info("Closed " + open.size() + " raw WebSocket connections with 1012 (service restart)");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		this.closer.shutdown();
	}

}
