package dev.switchboard.websocket;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link NonBlockingSession} against a container session whose asynchronous
 * writes complete only when the test says so.
 */
class NonBlockingSessionTests {

	private final List<String> written = new ArrayList<>();

	private final List<SendHandler> pending = new ArrayList<>();

	private final List<CloseReason> closed = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void stopCloser() {
		this.closer.shutdownNow();
	}

	private final AtomicInteger slowCloses = new AtomicInteger();

	private final List<Integer> textBufferSizes = new ArrayList<>();

	@Test
	void askingForALargerTextBufferKeepsTheContainersSmallOne() {
		NonBlockingSession session = session(1000, List.of());
		session.setTextMessageSizeLimit(16 * 1024 + 256);
		assertThat(this.textBufferSizes).isEmpty();
	}

	private volatile boolean refuseWrites;

	@Test
	void writesOneFrameAtATimeInOrderWithoutBlockingTheSender() throws Exception {
		NonBlockingSession session = session(1000, List.of());
		session.sendMessage(new TextMessage("a"));
		session.sendMessage(new TextMessage("b"));
		session.sendMessage(new TextMessage("c"));
		assertThat(this.written).containsExactly("a");
		assertThat(session.queuedBytes()).isEqualTo(3);
		completeNext();
		assertThat(this.written).containsExactly("a", "b");
		completeNext();
		completeNext();
		assertThat(this.written).containsExactly("a", "b", "c");
		assertThat(session.queuedBytes()).isZero();
	}

	@Test
	void connectionThatFallsBehindTheBufferLimitIsClosedAndDropped() throws Exception {
		NonBlockingSession session = session(10, List.of());
		session.sendMessage(new TextMessage("12345678"));
		session.sendMessage(new TextMessage("abcdefgh"));
		assertThat(this.slowCloses).hasValue(1);
		await().until(() -> !this.closed.isEmpty());
		assertThat(this.closed).singleElement()
			.satisfies((reason) -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1008))
			.satisfies((reason) -> assertThat(reason.getReasonPhrase()).contains("slow consumer"));
		session.sendMessage(new TextMessage("later"));
		completeNext();
		assertThat(this.written).containsExactly("12345678");
	}

	@Test
	void latestOnlyFramesReplaceTheOneWaitingForTheSameSubscription() throws Exception {
		NonBlockingSession session = session(100000, List.of("/topic/dashboard."));
		session.sendMessage(new TextMessage("first"));
		session.sendMessage(frame("/topic/dashboard.ops", "s1", "tick 1"));
		session.sendMessage(frame("/topic/dashboard.ops", "s2", "tick 1"));
		session.sendMessage(frame("/topic/rooms.lobby", "s3", "chat 1"));
		session.sendMessage(frame("/topic/dashboard.ops", "s1", "tick 2"));
		session.sendMessage(frame("/topic/rooms.lobby", "s3", "chat 2"));
		session.sendMessage(frame("/topic/dashboard.ops", "s1", "tick 3"));
		for (int i = 0; i < 5; i++) {
			completeNext();
		}
		assertThat(this.written).extracting((text) -> text.substring(text.lastIndexOf('\n', text.length() - 2) + 1))
			.containsExactly("first", "tick 3\0", "tick 1\0", "chat 1\0", "chat 2\0");
		assertThat(session.queuedBytes()).isZero();
	}

	@Test
	void closeWaitsUntilWhatWasSentBeforeIsWritten() throws Exception {
		NonBlockingSession session = session(1000, List.of());
		session.sendMessage(new TextMessage("ERROR frame"));
		session.close(CloseStatus.PROTOCOL_ERROR);
		session.sendMessage(new TextMessage("after the close"));
		assertThat(this.closed).as("not before the ERROR frame is written").isEmpty();
		completeNext();
		assertThat(this.closed).singleElement()
			.satisfies((reason) -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1002));
		assertThat(this.written).containsExactly("ERROR frame");
	}

	@Test
	void closeWithADrainTimeClosesWhenTheFramesBeforeItAreWritten() throws Exception {
		NonBlockingSession session = session(1000, List.of());
		session.sendMessage(new TextMessage("last message"));
		session.close(CloseStatus.SERVICE_RESTARTED, TimeUnit.MINUTES.toNanos(1));
		assertThat(this.closed).isEmpty();
		completeNext();
		assertThat(this.closed).singleElement()
			.satisfies((reason) -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1012));
		assertThat(this.written).containsExactly("last message");
	}

	@Test
	void closeWithADrainTimeClosesAfterItIfTheClientDoesNotRead() throws Exception {
		NonBlockingSession session = session(1000, List.of());
		session.sendMessage(new TextMessage("never read"));
		session.close(CloseStatus.SERVICE_RESTARTED, TimeUnit.MILLISECONDS.toNanos(50));
		await().until(() -> !this.closed.isEmpty());
		assertThat(this.closed).singleElement()
			.satisfies((reason) -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1012));
	}

	@Test
	void closeWithNothingWaitingIsImmediate() throws Exception {
		NonBlockingSession session = session(1000, List.of());
		session.close(CloseStatus.NORMAL);
		assertThat(this.closed).hasSize(1);
	}

	@Test
	void drainedActionRunsOnceHalfTheBufferIsFree() throws Exception {
		NonBlockingSession session = session(10, List.of());
		session.sendMessage(new TextMessage("123456"));
		AtomicInteger runs = new AtomicInteger();
		session.whenDrained(runs::incrementAndGet);
		assertThat(runs).hasValue(0);
		completeNext();
		assertThat(runs).hasValue(1);
	}

	@Test
	void everyDrainedActionRunsWhenTwoWaitAtTheSameTime() throws Exception {
		NonBlockingSession session = session(10, List.of());
		session.sendMessage(new TextMessage("123456"));
		AtomicInteger first = new AtomicInteger();
		AtomicInteger second = new AtomicInteger();
		session.whenDrained(first::incrementAndGet);
		session.whenDrained(second::incrementAndGet);
		completeNext();
		assertThat(first).hasValue(1);
		assertThat(second).hasValue(1);
		session.sendMessage(new TextMessage("123456"));
		completeNext();
		assertThat(first).as("once only").hasValue(1);
	}

	@Test
	void connectionWhoseWriteFailedIsClosedInsteadOfLeftSilent() throws Exception {
		NonBlockingSession session = session(1000, List.of());
		session.sendMessage(new TextMessage("a"));
		session.sendMessage(new TextMessage("b"));
		this.pending.remove(0).onResult(new SendResult(new IllegalStateException("remote endpoint busy")));
		await().until(() -> !this.closed.isEmpty());
		assertThat(this.closed).singleElement()
			.satisfies((reason) -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1011));
		session.sendMessage(new TextMessage("later"));
		assertThat(this.written).containsExactly("a");
	}

	@Test
	void connectionWhoseWriteIsRefusedIsClosed() throws Exception {
		this.refuseWrites = true;
		NonBlockingSession session = session(1000, List.of());
		session.sendMessage(new TextMessage("a"));
		await().until(() -> !this.closed.isEmpty());
		assertThat(this.closed).singleElement()
			.satisfies((reason) -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1011));
	}

	private void completeNext() {
		this.pending.remove(0).onResult(new SendResult());
	}

	private static TextMessage frame(String destination, String subscription, String body) {
		return new TextMessage("MESSAGE\ndestination:" + destination + "\nsubscription:" + subscription
				+ "\ncontent-type:application/json\n\n" + body + "\0");
	}

	private NonBlockingSession session(long bufferLimit, List<String> latestOnly) {
		RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { RemoteEndpoint.Async.class }, (proxy, method, args) -> {
					if (method.getName().equals("sendText")) {
						if (this.refuseWrites) {
							throw new IllegalStateException("The remote endpoint was in state [TEXT_FULL_WRITING]");
						}
						this.written.add((String) args[0]);
						this.pending.add((SendHandler) args[1]);
					}
					return null;
				});
		Session nativeSession = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Session.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getAsyncRemote" -> remote;
					case "getId" -> "s";
					case "setMaxTextMessageBufferSize" -> {
						this.textBufferSizes.add((Integer) args[0]);
						yield null;
					}
					case "isOpen" -> this.closed.isEmpty();
					case "close" -> {
						this.closed.add((CloseReason) args[0]);
						yield null;
					}
					default -> null;
				});
		StandardWebSocketSession standard = new StandardWebSocketSession(new HttpHeaders(), new HashMap<>(), null,
				null);
		standard.initializeNativeSession(nativeSession);
		return new NonBlockingSession(standard,
				new NonBlockingSession.SendLimits(bufferLimit, Long.MAX_VALUE, latestOnly), this.closer,
				this.slowCloses::incrementAndGet);
	}

}
