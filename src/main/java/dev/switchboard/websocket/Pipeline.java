package dev.switchboard.websocket;

import org.springframework.core.Ordered;

/**
 * The order of the STOMP message pipeline's steps: each feature that adds interceptors to
 * a channel does so from a {@code WebSocketMessageBrokerConfigurer} annotated with
 * {@code @Order} and one of these values, and Spring adds them to each channel in that
 * order (see the package documentation for the chains this gives).
 */
public final class Pipeline {

	/** The first handshake interceptor: refuses handshakes while the server stops. */
	public static final int HANDSHAKE_GATE = Ordered.HIGHEST_PRECEDENCE;

	/** The handshake interceptor that checks a page's CSRF token and login. */
	public static final int HANDSHAKE_CSRF = Ordered.HIGHEST_PRECEDENCE + 10;

	/** The handshake interceptor that notes which login a connection uses. */
	public static final int HANDSHAKE_LOGIN = Ordered.HIGHEST_PRECEDENCE + 20;

	/** The cluster's broker-channel steps, ahead of the transport's own. */
	public static final int CLUSTER = 100;

	/** Bounds on every frame's headers, before anything else reads them. */
	public static final int FRAME_LIMITS = 150;

	/** Authentication of CONNECT, then per-destination authorization. */
	public static final int SECURITY = 200;

	/** Connection, subscription and send-rate limits. */
	public static final int LIMITS = 300;

	/** Catch-up of subscriptions made with {@code since-seq}, and its hold-back. */
	public static final int CATCH_UP = 400;

	/** In a cluster, each room's messages in {@code seq} order on the broker channel. */
	public static final int ROOM_ORDER = 450;

	/** The transport: acknowledgements, the user splitter, the fan-out, exclude-self. */
	public static final int TRANSPORT = 500;

	/** The cluster's inbound step, once the transport's have run. */
	public static final int CLUSTER_INBOUND = 600;

	/** The operations dashboard's traffic meters. */
	public static final int METERS = 700;

	/** Presence: joins and leaves, after the frame was handled. */
	public static final int PRESENCE = 800;

	/** Keeps binary relays away from STOMP connections. */
	public static final int RAW_BINARY = 900;

	private Pipeline() {
	}

}
