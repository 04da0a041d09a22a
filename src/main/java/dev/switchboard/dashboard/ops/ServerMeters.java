package dev.switchboard.dashboard.ops;

import dev.switchboard.sse.SseStreams;
import dev.switchboard.websocket.WebSocketConnections;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Meters of the server's connections: {@code switchboard.websocket.connections} (open
 * now), {@code switchboard.websocket.slow.consumer.closes} (closed for reading too
 * slowly) and {@code switchboard.sse.streams} (open event streams).
 */
@Component
class ServerMeters implements MeterBinder {

	static final String CONNECTIONS = "switchboard.websocket.connections";

	static final String SLOW_CONSUMER_CLOSES = "switchboard.websocket.slow.consumer.closes";

	static final String STREAMS = "switchboard.sse.streams";

	private final WebSocketConnections connections;

	private final SseStreams streams;

	ServerMeters(WebSocketConnections connections, SseStreams streams) {
		this.connections = connections;
		this.streams = streams;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(CONNECTIONS, this.connections, WebSocketConnections::count)
			.description("Open WebSocket connections")
			.register(registry);
		FunctionCounter.builder(SLOW_CONSUMER_CLOSES, this.connections, WebSocketConnections::slowConsumerCloses)
			.description("WebSocket connections closed because they read too slowly")
			.register(registry);
		Gauge.builder(STREAMS, this.streams, SseStreams::count)
			.description("Open Server-Sent Event streams")
			.register(registry);
	}

}
