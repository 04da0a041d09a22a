package dev.switchboard.sse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The open Server-Sent Event streams of this server, by topic: opens them (up to the
 * configured number), hands each published event to every stream of its topic without
 * blocking, sends heart-beats and closes streams that stalled. Closes every stream when
 * the application stops, so that clients reconnect (elsewhere) at once instead of holding
 * up a graceful shutdown.
 */
@Component
public class SseStreams implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(SseStreams.class);

	private final SseProperties properties;

	private final Map<String, Set<SseStream>> topics = new ConcurrentHashMap<>();

	private final AtomicInteger open = new AtomicInteger();

	private final StreamOwners owners;

	private final ExecutorService writers = Executors.newFixedThreadPool(2, daemon("sse-writer"));

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("sse-timer"));

	private final SseEvent retry;

	private volatile boolean running;

	public SseStreams(SseProperties properties) {
		this.properties = properties;
		this.owners = new StreamOwners(properties.maxStreamsPerUser());
		this.retry = new SseEvent(-1,
				("retry: " + properties.retry().toMillis() + "\n\n").getBytes(StandardCharsets.UTF_8));
		long period = Math.max(50,
				Math.min(1000, Math.min(properties.heartbeat().toMillis(), properties.stallTimeout().toMillis()) / 2));
		this.timer.scheduleWithFixedDelay(this::checkAll, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Answer a request with an event stream on a topic, unless as many streams as allowed
	 * are open, on this server or for this owner. The stream is subscribed to the topic
	 * before {@code first} is asked for its event, and events published later are written
	 * only if their id is above it, so nothing falls between the first event and the ones
	 * that follow.
	 * @param owner whose stream it is (the user), for the per-owner limit
	 * @param first the first event, typically a snapshot whose id is that of the newest
	 * event it includes
	 * @return whether the stream was opened, or which limit refused it (then nothing was
	 * written)
	 * @throws RuntimeException what {@code first} threw: then no stream is opened and
	 * nothing is written, so the request fails as any other
	 */
	public Opened open(String topic, String owner, HttpServletRequest request, HttpServletResponse response,
			Supplier<SseEvent> first) throws IOException {
		if (this.open.incrementAndGet() > this.properties.maxStreams()) {
			this.open.decrementAndGet();
			return Opened.SERVER_FULL;
		}
		if (!this.owners.acquire(owner)) {
			this.open.decrementAndGet();
			return Opened.OWNER_FULL;
		}
		Set<SseStream> streams = this.topics.computeIfAbsent(topic, (key) -> ConcurrentHashMap.newKeySet());
		SseStream[] holder = new SseStream[1];
		AsyncContext[] async = new AsyncContext[1];
		SseStream stream = new SseStream(response.getOutputStream(), this.writers, () -> {
			streams.remove(holder[0]);
			this.open.decrementAndGet();
			this.owners.release(owner);
			if (async[0] != null) {
				complete(async[0]);
			}
		});
		holder[0] = stream;
		streams.add(stream);
		SseEvent firstEvent;
		try {
			firstEvent = first.get();
		}
		catch (RuntimeException ex) {
			// Nothing is written yet: the request fails as any other, not as a silent
			// stream.
			stream.close();
			throw ex;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("text/event-stream");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		response.setHeader("X-Accel-Buffering", "no");
		async[0] = request.startAsync();
		async[0].setTimeout(this.properties.maxDuration().toMillis());
		async[0].addListener(new Closer(stream, async[0]));
		stream.start(this.retry, firstEvent);
		return Opened.OPENED;
	}

	/**
	 * Hand an event to every stream of a topic; a stream that is still writing keeps only
	 * the newest one. Never blocks.
	 */
	public void publish(String topic, SseEvent event) {
		Set<SseStream> streams = this.topics.get(topic);
		if (streams != null) {
			for (SseStream stream : streams) {
				stream.offer(event);
			}
		}
	}

	/**
	 * How many streams are open.
	 */
	public int count() {
		return this.open.get();
	}

	/**
	 * How many streams an owner has open.
	 */
	public int count(String owner) {
		return this.owners.count(owner);
	}

	private void checkAll() {
		long now = System.nanoTime();
		long heartbeat = this.properties.heartbeat().toNanos();
		long stall = this.properties.stallTimeout().toNanos();
		this.topics.forEach((topic, streams) -> {
			for (SseStream stream : streams) {
				if (stream.check(now, heartbeat, stall)) {
					logger.info("Closed a stream of " + topic + ": its client read nothing for "
							+ this.properties.stallTimeout());
				}
			}
		});
	}

	private static void complete(AsyncContext async) {
		try {
			async.complete();
		}
		catch (RuntimeException ex) {
			// completed already
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.topics.values().forEach((streams) -> streams.forEach(SseStream::close));
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
		this.writers.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * The outcome of {@link #open}.
	 */
	public enum Opened {

		/** The stream is open. */
		OPENED,

		/** Refused: this server has {@code max-streams} streams open. */
		SERVER_FULL,

		/** Refused: the owner has {@code max-streams-per-user} streams open. */
		OWNER_FULL

	}

	/**
	 * Releases a stream whose request completed, failed or timed out, and completes a
	 * failed one itself (an error page cannot be written into an event stream).
	 */
	private record Closer(SseStream stream, AsyncContext async) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			this.stream.ended();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			this.stream.ended();
			complete(this.async);
		}

		@Override
		public void onError(AsyncEvent event) {
			this.stream.ended();
			complete(this.async);
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
