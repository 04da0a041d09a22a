package dev.switchboard.dashboard;

import java.io.IOException;

import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.SseStreams;
import dev.switchboard.sse.SseStreams.Opened;
import dev.switchboard.system.ErrorReply;
import dev.switchboard.websocket.ConnectionGate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A dashboard as Server-Sent Events: {@code GET /api/dashboard/{name}/stream} sends a
 * {@code snapshot} event, then a {@code tick} event per tick, each with its id. A client
 * that reconnects (with {@code Last-Event-ID}) gets the snapshot again, which holds the
 * ticks it missed, then newer ticks. While the server shuts down, it answers 503 so that
 * the client reconnects to another instance.
 */
@RestController
class DashboardStreamController {

	private static final Log logger = LogFactory.getLog(DashboardStreamController.class);

	private final Dashboards dashboards;

	private final SseStreams streams;

	private final JsonMapper jsonMapper;

	private final ConnectionGate gate;

	DashboardStreamController(Dashboards dashboards, SseStreams streams, JsonMapper jsonMapper, ConnectionGate gate) {
		this.dashboards = dashboards;
		this.streams = streams;
		this.jsonMapper = jsonMapper;
		this.gate = gate;
	}

	@GetMapping("/api/dashboard/{name}/stream")
	ResponseEntity<ErrorReply> stream(@PathVariable String name, Authentication user,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (!this.gate.isOpen()) {
			return error(HttpStatus.SERVICE_UNAVAILABLE, "shutting-down",
					"The server is shutting down; connect again to reach another instance", request);
		}
		Dashboard dashboard = this.dashboards.find(name);
		if (dashboard == null) {
			return error(HttpStatus.NOT_FOUND, "dashboard-not-found", "There is no dashboard '" + name + "'", request);
		}
		if (!dashboard.canView(user)) {
			return error(HttpStatus.FORBIDDEN, "forbidden", "You may not see the dashboard '" + name + "'", request);
		}
		Opened opened = this.streams.open(DashboardPublisher.STREAM_PREFIX + name, user.getName(), request, response,
				() -> snapshot(name));
		if (opened == Opened.SERVER_FULL) {
			logger.warn("Refused a stream of dashboard '" + name + "' to " + user.getName() + ": too many streams");
			return error(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams",
					"The server has as many event streams open as it may; try again later", request);
		}
		if (opened == Opened.OWNER_FULL) {
			logger.info("Refused a stream of dashboard '" + name + "' to " + user.getName()
					+ ": too many streams of this user");
			return error(HttpStatus.TOO_MANY_REQUESTS, "too-many-user-streams",
					"You have as many event streams open as you may; close one first", request);
		}
		if (lastEventId != null && logger.isDebugEnabled()) {
			logger.debug(user.getName() + " resumed the stream of dashboard '" + name + "' after " + lastEventId);
		}
		return null; // the stream is written asynchronously
	}

	private SseEvent snapshot(String name) {
		DashboardSnapshot snapshot = this.dashboards.snapshot(name);
		return SseEvent.of(snapshot.lastId(), "snapshot", this.jsonMapper.writeValueAsString(snapshot));
	}

	private static ResponseEntity<ErrorReply> error(HttpStatus status, String code, String message,
			HttpServletRequest request) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ErrorReply(code, message, request.getRequestURI()));
	}

}
