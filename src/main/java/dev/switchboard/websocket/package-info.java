/**
 * The WebSocket transport: the STOMP endpoint {@code /ws} and its broker, handshakes and
 * Tomcat tuning, non-blocking sessions and frames, the encode-once fan-out, exclude-self,
 * the user splitter, the connection gate and graceful shutdown.
 *
 * <h2>The message pipeline</h2>
 *
 * <p>
 * Spring builds three channels from the {@code WebSocketMessageBrokerConfigurer} beans of
 * every feature, adding each configurer's interceptors in the order of its {@code @Order}
 * value, a constant of {@link dev.switchboard.websocket.Pipeline}. This is the whole
 * pipeline, one line per step, in order; {@code PipelineTests} checks that the running
 * application has exactly these steps. Steps marked (cluster) exist only in the
 * {@code cluster} profile.
 *
 * <p>
 * <b>Handshake</b> ({@code /ws}; {@code /raw} has the gate, the login interceptor and its
 * own authentication; {@code security.MalformedOriginFilter} answers an unreadable
 * {@code Origin} with 403 before any of them):
 * <ol>
 * <li>{@code ConnectionGate} ({@code HANDSHAKE_GATE}): 503 while the server stops.</li>
 * <li>Spring's origin check ({@code switchboard.websocket.allowed-origins}).</li>
 * <li>{@code security.SessionCsrfHandshakeInterceptor} ({@code HANDSHAKE_CSRF}): a page's
 * CSRF token and login, for the CONNECT check.</li>
 * <li>{@code security.LoginHandshakeInterceptor} ({@code HANDSHAKE_LOGIN}): which login
 * (HTTP session or token expiry) the connection uses, so that
 * {@code security.LoginConnections} can close it when that login ends.</li>
 * <li>{@code WebSocketHandshakes}, {@code LeanUpgradeStrategy}: the upgrade, keeping no
 * request headers.</li>
 * </ol>
 *
 * <p>
 * <b>Reading a frame</b>: Tomcat reads it on a worker thread
 * ({@code TomcatThreadsConfig}, {@code WebSocketBuffers}, {@code TomcatSocketBuffers});
 * {@code WebSocketConnections} has wrapped the session in a {@code NonBlockingSession};
 * {@code StompWebSocketHandler} (put in place of Spring's by
 * {@code StompWebSocketHandlerPostProcessor}) decodes it, joining parts up to
 * {@code max-message-size}, and sends it on the client inbound channel, one frame of a
 * connection at a time ({@code setPreserveReceiveOrder}).
 *
 * <p>
 * <b>Client inbound channel</b>, on the reading thread:
 * <ol>
 * <li>Spring's own: the unsent-DISCONNECT interceptor, and the ordered-channel callback
 * that releases the connection's next frame after this one is handled (moved to run after
 * every other step by {@code InboundOrderFix}).</li>
 * <li>{@code limits.FrameLimits} ({@code FRAME_LIMITS}): the number, length and total
 * size of a frame's headers.</li>
 * <li>{@code security.StompAuthenticationInterceptor} ({@code SECURITY}): CONNECT with a
 * page login and CSRF token, or a bearer token.</li>
 * <li>Spring Security's {@code SecurityContextChannelInterceptor}
 * ({@code SECURITY}).</li>
 * <li>{@code security.DestinationAuthorizationInterceptor} ({@code SECURITY}): the rules
 * of {@code WebSocketSecurityConfig}, deny by default.</li>
 * <li>{@code limits.ConnectionLimits} ({@code LIMITS}): connections per user (a user's
 * first and the end of their last are what {@code presence.OnlineAnnouncer} announces),
 * subscriptions per connection, send and subscribe rates.</li>
 * <li>{@code chat.CatchupSubscriptions} ({@code CATCH_UP}): a SUBSCRIBE with
 * {@code since-seq} starts a catch-up once the broker registered it.</li>
 * <li>{@code system.AckInterceptor} ({@code TRANSPORT}): the acknowledgement of a SEND
 * with {@code ack-id}, from the handler's return value or error.</li>
 * <li>{@code StompReceipts} ({@code TRANSPORT}): the RECEIPT of a SUBSCRIBE, UNSUBSCRIBE
 * or SEND that asks for one, once it has been handled.</li>
 * <li>{@code cluster.ClusterSubscriptions} ({@code CLUSTER_INBOUND}, cluster): the first
 * local SUBSCRIBE to a {@code /topic} destination binds it to this instance's queue
 * before the broker registers it (and a CONNECT its user's destinations); the last
 * subscriber's leaving unbinds it after a linger.</li>
 * <li>{@code dashboard.ops.StompTrafficMeters} ({@code METERS}): messages in.</li>
 * <li>{@code presence.PresenceTracker} ({@code PRESENCE}): joins and leaves.</li>
 * </ol>
 * Then the handlers: {@code /app/**} to the {@code @MessageMapping} controllers (a chat
 * message: {@code chat.ChatController}, then {@code chat.ChatService}, which stores it
 * with the room's next {@code seq} and sends it to {@code /topic/rooms.{room}} on the
 * broker channel); SUBSCRIBE and UNSUBSCRIBE to the broker.
 *
 * <p>
 * <b>Broker channel</b>, on the sending thread:
 * <ol>
 * <li>{@code cluster.ClusterPublisher} ({@code CLUSTER}, cluster): a {@code /topic}
 * broadcast or a message for all of a user's connections is published once to RabbitMQ,
 * reaching each other instance with a subscriber for it, and goes on here at once; what
 * {@code cluster.ClusterInbound} takes from this instance's queue enters the broker
 * channel here too, marked so that it is not published again.</li>
 * <li>{@code chat.RoomSequencer} ({@code ROOM_ORDER}, cluster): each room's messages go
 * on in {@code seq} order with no gap and no repeat; one that arrives early waits for the
 * missing ones (from RabbitMQ, or after {@code gap-wait} from the database).</li>
 * <li>{@code UserSessionSplitter} ({@code TRANSPORT}): one message per connection of a
 * user.</li>
 * <li>{@code BroadcastFanout} ({@code TRANSPORT}): a {@code /topic} broadcast is encoded
 * once and written to every subscribed STOMP connection, through {@code StompSessions} (a
 * broadcast to 2,000 connections or more is written in parts by this thread and
 * {@code broadcast-helper} threads at once, and is done when all parts are); subscribers
 * it cannot serve ({@code /raw}, a subscription still catching up) get Spring's
 * per-subscriber copy on the client outbound channel.</li>
 * </ol>
 * Then the in-memory broker (in a cluster too) and Spring's user destination handler,
 * which send per-subscriber messages on the client outbound channel.
 *
 * <p>
 * <b>Client outbound channel</b>, synchronous, on the sending thread:
 * <ol>
 * <li>{@code chat.CatchupHoldBack} ({@code CATCH_UP}): live frames of a subscription
 * still catching up wait until its replay ({@code chat.CatchupReplay}) is sent.</li>
 * <li>{@code ExcludeSelfInterceptor} ({@code TRANSPORT}): not to the sending connection
 * when the SEND had {@code exclude-self:true}.</li>
 * <li>{@code dashboard.ops.StompTrafficMeters} ({@code METERS}): messages out.</li>
 * <li>{@code raw.RawBinaryFilter} ({@code RAW_BINARY}): binary relays only to
 * {@code /raw} connections.</li>
 * </ol>
 * Then {@code StompWebSocketHandler} encodes the frame (and {@code raw.RawOutbound}
 * writes those of {@code /raw} connections), Spring's session decorator passes it on, and
 * {@code NonBlockingSession} queues it and writes it without ever blocking
 * ({@code TextFrames}: from its UTF-8 bytes); a connection that does not keep up is
 * closed with 1008.
 */
package dev.switchboard.websocket;
