package dev.switchboard.websocket;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends a text frame whose payload is already UTF-8 through Tomcat's own asynchronous
 * send, as {@code sendText} does after encoding a {@code String}: STOMP frames are
 * encoded to bytes once (for a broadcast, once for all subscribers), so the
 * {@code String} round trip and Tomcat's character-by-character re-encoding on every
 * write are saved.
 *
 * <p>
 * The standard API has no such method, so this calls the package-private steps
 * {@code sendText} itself takes (the text state, the frame, the state update on
 * completion). If the container is not Tomcat or a Tomcat version lacks them, {@link #of}
 * returns {@code null} and callers use {@code sendText}; a test checks that the Tomcat
 * this product ships with is supported.
 *
 * <p>
 * Written against Tomcat 11.0.22. It can go when the WebSocket API (or Tomcat) can send a
 * text frame from bytes ({@code TextFramesTests} checks the steps exist).
 */
final class TextFrames {

	private static final Log logger = LogFactory.getLog(TextFrames.class);

	private static final byte OPCODE_TEXT = 0x1;

	private static final String PACKAGE = "org.apache.tomcat.websocket.";

	private static final Class<?> REMOTE;

	private static final MethodHandle BASE;

	private static final MethodHandle STATE_MACHINE;

	private static final MethodHandle TEXT_START;

	private static final MethodHandle ON_COMPLETION;

	private static final MethodHandle START_MESSAGE;

	static {
		Class<?> remoteType = null;
		MethodHandle base = null;
		MethodHandle stateMachine = null;
		MethodHandle textStart = null;
		MethodHandle onCompletion = null;
		MethodHandle startMessage = null;
		try {
			Class<?> remote = Class.forName(PACKAGE + "WsRemoteEndpointBase");
			remoteType = remote;
			Class<?> endpoint = Class.forName(PACKAGE + "WsRemoteEndpointImplBase");
			Class<?> state = Class.forName(PACKAGE + "WsRemoteEndpointImplBase$StateMachine");
			Class<?> stateUpdate = Class.forName(PACKAGE + "WsRemoteEndpointImplBase$StateUpdateSendHandler");
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(endpoint, MethodHandles.lookup());
			base = MethodHandles.privateLookupIn(remote, MethodHandles.lookup())
				.findGetter(remote, "base", endpoint)
				.asType(MethodType.methodType(Object.class, Object.class));
			stateMachine = lookup.findGetter(endpoint, "stateMachine", state)
				.asType(MethodType.methodType(Object.class, Object.class));
			textStart = lookup.findVirtual(state, "textStart", MethodType.methodType(void.class))
				.asType(MethodType.methodType(void.class, Object.class));
			onCompletion = lookup
				.findConstructor(stateUpdate, MethodType.methodType(void.class, SendHandler.class, state))
				.asType(MethodType.methodType(SendHandler.class, SendHandler.class, Object.class));
			startMessage = lookup
				.findVirtual(endpoint, "startMessage",
						MethodType.methodType(void.class, byte.class, ByteBuffer.class, boolean.class,
								SendHandler.class))
				.asType(MethodType.methodType(void.class, Object.class, byte.class, ByteBuffer.class, boolean.class,
						SendHandler.class));
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			logger.debug("Text frames are sent as strings: " + ex);
			base = null;
		}
		REMOTE = remoteType;
		BASE = base;
		STATE_MACHINE = stateMachine;
		TEXT_START = textStart;
		ON_COMPLETION = onCompletion;
		START_MESSAGE = startMessage;
	}

	private final Object endpoint;

	private final Object stateMachine;

	private TextFrames(Object endpoint, Object stateMachine) {
		this.endpoint = endpoint;
		this.stateMachine = stateMachine;
	}

	/**
	 * Whether the container's classes offer what this needs.
	 */
	static boolean supported() {
		return BASE != null;
	}

	/**
	 * The sender for a session's asynchronous remote endpoint, or {@code null} if it is
	 * not one of the supported container's.
	 */
	static TextFrames of(RemoteEndpoint.Async remote) {
		if (!supported() || !REMOTE.isInstance(remote)) {
			return null;
		}
		try {
			Object endpoint = (Object) BASE.invokeExact((Object) remote);
			return new TextFrames(endpoint, (Object) STATE_MACHINE.invokeExact(endpoint));
		}
		catch (Throwable ex) {
			logger.debug("Text frames of " + remote + " are sent as strings: " + ex);
			return null;
		}
	}

	/**
	 * Send one whole text frame, as {@code sendText(String, SendHandler)} would.
	 * @param utf8 the frame's payload, valid UTF-8; its position moves as it is written
	 * @param handler told when the frame is written or the write failed
	 * @throws IllegalStateException if another message is being sent
	 */
	void send(ByteBuffer utf8, SendHandler handler) {
		try {
			TEXT_START.invokeExact(this.stateMachine);
			SendHandler completion = (SendHandler) ON_COMPLETION.invokeExact(handler, this.stateMachine);
			START_MESSAGE.invokeExact(this.endpoint, OPCODE_TEXT, utf8, true, completion);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}
