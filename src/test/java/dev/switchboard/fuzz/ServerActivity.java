package dev.switchboard.fuzz;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watches the server under test from the inside: the tasks in flight on the executor of
 * the client inbound channel, which handles every STOMP frame, and the ends of
 * connections. A test waits with {@link #awaitQuiet} until the connections it closed are
 * gone and every frame they sent has been handled.
 */
class ServerActivity implements BeanPostProcessor, ApplicationListener<SessionDisconnectEvent> {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String INBOUND_EXECUTOR = "clientInboundChannelExecutor";

	private final Object lock = new Object();

	private int running;

	private long tasks;

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (INBOUND_EXECUTOR.equals(beanName)) {
			assertThat(bean).as(INBOUND_EXECUTOR).isInstanceOf(ThreadPoolTaskExecutor.class);
			((ThreadPoolTaskExecutor) bean).setTaskDecorator(this::decorate);
		}
		return bean;
	}

	private Runnable decorate(Runnable task) {
		synchronized (this.lock) {
			this.running++;
			this.tasks++;
		}
		return () -> {
			try {
				task.run();
			}
			finally {
				synchronized (this.lock) {
					this.running--;
					this.lock.notifyAll();
				}
			}
		};
	}

	@Override
	public void onApplicationEvent(SessionDisconnectEvent event) {
		synchronized (this.lock) {
			this.lock.notifyAll();
		}
	}

	/**
	 * How many tasks the inbound executor has been given so far.
	 */
	long tasks() {
		synchronized (this.lock) {
			return this.tasks;
		}
	}

	/**
	 * Wait until the server has the expected number of connections open and no task in
	 * flight. A frame is handed to the executor before the next one of its connection is
	 * released, and every frame is read before its connection ends, so then nothing a
	 * closed connection sent is still to be handled.
	 * @param openConnections how many connections the server has open now
	 * @param expected how many should stay open
	 */
	void awaitQuiet(IntSupplier openConnections, int expected) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		synchronized (this.lock) {
			while (this.running > 0 || openConnections.getAsInt() != expected) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError(
							"The server did not settle within " + TIMEOUT + ": " + this.running + " tasks running, "
									+ openConnections.getAsInt() + " connections open, " + expected + " expected");
				}
				try {
					this.lock.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}
	}

}
