package dev.switchboard.sse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SseStream} against an output stream that is ready or not as the test
 * says, as a container's non-blocking output is.
 */
class SseStreamTests {

	private final StubOutput out = new StubOutput();

	private final AtomicInteger closes = new AtomicInteger();

	@Test
	void writesTheFirstEventsThenOfferedEventsEachFlushed() {
		SseStream stream = start(Runnable::run, 5);
		stream.offer(tick(6));
		stream.offer(tick(7));
		assertThat(this.out.text()).isEqualTo("retry: 1000\n\n" + text(snapshot(5)) + text(tick(6)) + text(tick(7)));
		assertThat(this.out.flushes).isEqualTo(4);
	}

	@Test
	void clientThatReadsSlowlyGetsOnlyTheNewestEventOnceWritableAgain() throws Exception {
		SseStream stream = start(Runnable::run, 5);
		this.out.ready = false;
		for (int id = 6; id <= 100; id++) {
			stream.offer(tick(id));
		}
		assertThat(this.out.text()).doesNotContain("id: 6\n");

		this.out.ready = true;
		this.out.listener.onWritePossible();
		assertThat(this.out.text()).endsWith(text(snapshot(5)) + text(tick(100)));
	}

	@Test
	void eventsNotNewerThanTheFirstAreSkipped() {
		SseStream stream = start(Runnable::run, 10);
		stream.offer(tick(9));
		stream.offer(tick(10));
		stream.offer(tick(11));
		assertThat(this.out.text()).endsWith(text(snapshot(10)) + text(tick(11)));
	}

	@Test
	void offeringNeverWritesOnTheCallersThread() {
		Queue<Runnable> tasks = new ArrayDeque<>();
		SseStream stream = start(tasks::add, 1);
		tasks.poll().run(); // the first events
		stream.offer(tick(2));
		stream.offer(tick(3));
		assertThat(this.out.text()).doesNotContain("event: tick");
		assertThat(tasks).hasSize(1);

		tasks.poll().run();
		assertThat(this.out.text()).endsWith(text(tick(3))).doesNotContain("id: 2\n");
	}

	@Test
	void streamThatCannotWriteForTooLongIsClosedOnce() {
		SseStream stream = start(Runnable::run, 1);
		this.out.ready = false;
		stream.offer(tick(2));
		long now = System.nanoTime();
		assertThat(stream.check(now, seconds(100), seconds(30))).isFalse();
		assertThat(stream.check(now + seconds(31), seconds(100), seconds(30))).isTrue();
		assertThat(stream.check(now + seconds(62), seconds(100), seconds(30))).isFalse();
		assertThat(this.closes).hasValue(1);
		assertThat(stream.isClosed()).isTrue();
	}

	@Test
	void blockedStreamResumesOnTheNextCheckShouldTheContainersCallbackNotCome() {
		SseStream stream = start(Runnable::run, 1);
		this.out.ready = false;
		stream.offer(tick(2));
		assertThat(this.out.text()).doesNotContain("event: tick");
		this.out.ready = true; // writable again, but no onWritePossible
		stream.check(System.nanoTime(), seconds(100), seconds(30));
		assertThat(this.out.text()).endsWith(text(tick(2)));
		assertThat(stream.isClosed()).isFalse();
	}

	@Test
	void silentStreamGetsAHeartbeatComment() {
		SseStream stream = start(Runnable::run, 1);
		long now = System.nanoTime();
		stream.check(now, seconds(15), seconds(30));
		assertThat(this.out.text()).doesNotEndWith(":\n\n");
		stream.check(now + seconds(16), seconds(15), seconds(30));
		assertThat(this.out.text()).endsWith(text(snapshot(1)) + ":\n\n");
		assertThat(stream.isClosed()).isFalse();
	}

	@Test
	void failedWriteClosesTheStream() {
		SseStream stream = start(Runnable::run, 1);
		this.out.fail = true;
		stream.offer(tick(2));
		assertThat(stream.isClosed()).isTrue();
		assertThat(this.closes).hasValue(1);
	}

	@Test
	void containerEndingTheRequestWaitsForAWriteInProgress() throws Exception {
		SseStream stream = start(Runnable::run, 1);
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.out.onFlush = () -> {
			writing.countDown();
			await(release);
		};
		Thread writer = new Thread(() -> stream.offer(tick(2)));
		writer.start();
		assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
		Thread container = new Thread(stream::ended);
		container.start();
		container.join(200);
		assertThat(container.isAlive()).as("the request is not recycled while written to").isTrue();
		assertThat(stream.isClosed()).isFalse();
		release.countDown();
		container.join(5000);
		writer.join(5000);
		assertThat(stream.isClosed()).isTrue();
		assertThat(this.closes).hasValue(1);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private SseStream start(Executor executor, long snapshotId) {
		SseStream stream = new SseStream(this.out, executor, this.closes::incrementAndGet);
		stream.start(new SseEvent(-1, "retry: 1000\n\n".getBytes(StandardCharsets.UTF_8)), snapshot(snapshotId));
		return stream;
	}

	private static SseEvent snapshot(long id) {
		return SseEvent.of(id, "snapshot", "{\"lastId\":" + id + "}");
	}

	private static SseEvent tick(long id) {
		return SseEvent.of(id, "tick", "{\"id\":" + id + "}");
	}

	private static String text(SseEvent event) {
		return new String(event.bytes(), StandardCharsets.UTF_8);
	}

	private static long seconds(long seconds) {
		return seconds * 1_000_000_000L;
	}

	/**
	 * A non-blocking output: writing while not ready is an error, as in a container.
	 */
	static final class StubOutput extends ServletOutputStream {

		final ByteArrayOutputStream written = new ByteArrayOutputStream();

		boolean ready = true;

		boolean fail;

		int flushes;

		WriteListener listener;

		volatile Runnable onFlush = () -> {
		};

		@Override
		public boolean isReady() {
			return this.ready;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.listener = listener;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			check();
			this.written.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			check();
			this.flushes++;
			this.onFlush.run();
		}

		private void check() throws IOException {
			if (!this.ready) {
				throw new IllegalStateException("Not ready");
			}
			if (this.fail) {
				throw new IOException("Broken pipe");
			}
		}

		String text() {
			return this.written.toString(StandardCharsets.UTF_8);
		}

	}

}
