package dev.switchboard.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * Reads a Server-Sent Event stream with {@link HttpClient}, line by line, as a browser's
 * {@code EventSource} would.
 */
public final class SseTestClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final HttpResponse<Stream<String>> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final Thread reader;

	private SseTestClient(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-test-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Open a stream with a bearer token and, unless {@code null}, a
	 * {@code Last-Event-ID}.
	 */
	public static SseTestClient open(int port, String path, String token, String lastEventId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/event-stream");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			return new SseTestClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Send a request that is expected to be refused, and return the response with its
	 * body.
	 */
	public static HttpResponse<String> refused(int port, String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/event-stream");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int status() {
		return this.response.statusCode();
	}

	public HttpResponse<Stream<String>> response() {
		return this.response;
	}

	/**
	 * The next event, waiting up to ten seconds.
	 */
	public Event next() {
		try {
			Event event = this.events.poll(Inbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (event == null) {
				fail("No event within " + Inbox.TIMEOUT);
			}
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The next event with the given name, skipping others.
	 */
	public Event next(String name) {
		while (true) {
			Event event = next();
			if (name.equals(event.name())) {
				return event;
			}
		}
	}

	private void read() {
		String id = null;
		String name = "message";
		StringBuilder data = null;
		try (Stream<String> lines = this.response.body()) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (line.isEmpty()) {
					if (data != null) {
						this.events.add(new Event(id, name, data.toString()));
					}
					name = "message";
					data = null;
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data = ((data == null) ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
				}
			}
		}
		catch (RuntimeException ex) {
			// closed
		}
	}

	@Override
	public void close() {
		this.reader.interrupt();
		this.response.body().close();
	}

	/**
	 * One event.
	 *
	 * @param id its id (the last one given, as EventSource keeps it)
	 * @param name its name ({@code message} if none)
	 * @param data its data
	 */
	public record Event(String id, String name, String data) {

		/**
		 * The data as a JSON object.
		 */
		public Map<String, Object> json() {
			return JSON.readValue(this.data, new TypeReference<Map<String, Object>>() {
			});
		}

		public long longId() {
			return Long.parseLong(this.id);
		}

	}

}
