package dev.switchboard.browser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import dev.switchboard.chat.ChatMessage;
import dev.switchboard.chat.ChatService;
import dev.switchboard.chat.SendMessageRequest;
import dev.switchboard.rooms.RoomService;
import dev.switchboard.support.Browsers;
import dev.switchboard.support.ChatPages;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.websocket.WebSocketConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No chat message is lost or shown twice: history on opening a room, catch-up after a
 * lost connection, messages written while offline, lost acknowledgements and retries.
 *
 * <p>
 * Alice's page gets a stand-in for {@code WebSocket} (installed before the page's scripts
 * run) that the test steers through {@code window.__net}: {@code offline} makes new
 * connections fail, {@code dropIncoming} loses every frame from the server,
 * {@code duplicateIncoming} hands each MESSAGE frame to the client twice, and
 * {@code sinceSeq} rewrites the {@code since-seq} header of the next SUBSCRIBE.
 */
@SwitchboardTest
class NoMessageLostBrowserIT {

	private static final String NETWORK = """
			(() => {
				const Native = window.WebSocket;
				const nativeOnMessage = Object.getOwnPropertyDescriptor(Native.prototype, 'onmessage');
				const net = window.__net = { offline: false, dropIncoming: false, duplicateIncoming: false,
					sinceSeq: null, refused: 0 };
				window.WebSocket = class extends Native {
					constructor(url, protocols) {
						super(net.offline ? String(url).replace(/\\/ws$/, '/offline') : url, protocols);
						if (net.offline) {
							net.refused += 1;
						}
						let handler = null;
						Object.defineProperty(this, 'onmessage', {
							configurable: true,
							get: () => handler,
							set: (value) => {
								handler = value;
								nativeOnMessage.set.call(this, value && ((event) => {
									if (net.dropIncoming) {
										return;
									}
									value.call(this, event);
									if (net.duplicateIncoming && String(event.data).startsWith('MESSAGE')) {
										value.call(this, event);
									}
								}));
							},
						});
					}
					send(data) {
						if (net.sinceSeq !== null && String(data).startsWith('SUBSCRIBE') && data.includes('since-seq:')) {
							data = data.replace(/since-seq:\\d+/, 'since-seq:' + net.sinceSeq);
							net.sinceSeq = null;
						}
						super.send(data);
					}
				};
			})();
			""";

	@LocalServerPort
	int port;

	@Autowired
	WebSocketConnections connections;

	@Autowired
	ChatService chat;

	@Autowired
	RoomService rooms;

	ChromeDriver alice;

	ChromeDriver bob;

	String aliceName;

	String bobName;

	String room;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		this.room = "recovery-" + suffix;
		this.aliceName = "Alice_" + suffix;
		this.bobName = "Bob_" + suffix;
		this.alice = Browsers.start();
		this.alice.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", NETWORK));
		this.bob = Browsers.start();
	}

	@AfterEach
	void tearDown() {
		if (this.alice != null) {
			this.alice.quit();
		}
		if (this.bob != null) {
			this.bob.quit();
		}
	}

	@Test
	void openingARoomShowsItsHistoryOlderPagesOnScrollingUpAndNoDuplicate() {
		String writer = new TestUsers(this.port).create("writer").name();
		this.rooms.join(this.room, writer);
		List<String> history = IntStream.rangeClosed(1, 60).mapToObj((i) -> "history " + i).toList();
		history
			.forEach((text) -> this.chat.post(this.room, writer, "fixture", new SendMessageRequest(text, null), false));

		ChatPages.signUpAndOpenRoom(this.alice, this.port, this.aliceName, this.room);
		waitUntilShown(this.alice, history.subList(10, 60));
		WebElement older = this.alice.findElement(By.id("load-older"));
		assertThat(older.isDisplayed()).isTrue();
		this.alice.executeScript("document.getElementById('messages').scrollTop = 0");
		waitUntilShown(this.alice, history);
		ChatPages.waitFor(this.alice).until(ExpectedConditions.invisibilityOf(older));
		assertInSeqOrderAndSent(this.alice);

		ChatPages.signUpAndOpenRoom(this.bob, this.port, this.bobName, this.room);
		this.alice.executeScript("window.__net.duplicateIncoming = true");
		ChatPages.send(this.bob, "said once");
		ChatPages.waitFor(this.alice).until((d) -> texts(this.alice).contains("said once"));
		ChatPages.send(this.alice, "said once too");
		List<String> expected = new ArrayList<>(history);
		expected.addAll(List.of("said once", "said once too"));
		waitUntilShown(this.alice, expected);
		assertInSeqOrderAndSent(this.alice);
		waitUntilShown(this.bob, expected.subList(10, 62));
	}

	@Test
	void messagesWrittenWhileOfflineReachEveryoneOnceAndInOrder() throws IOException {
		ChatPages.signUpAndOpenRoom(this.alice, this.port, this.aliceName, this.room);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, this.bobName, this.room);
		ChatPages.send(this.bob, "before the outage");
		ChatPages.waitFor(this.alice).until((d) -> texts(this.alice).contains("before the outage"));

		goOffline();
		List<String> duringOutage = List.of("while you were away 1", "while you were away 2", "while you were away 3");
		duringOutage.forEach((text) -> ChatPages.send(this.bob, text));
		ChatPages.send(this.alice, "written offline 1");
		ChatPages.send(this.alice, "written offline 2");
		ChatPages.waitFor(this.bob).until((d) -> texts(this.bob).containsAll(duringOutage) && allSent(this.bob));
		ChatPages.waitFor(this.alice).until((d) -> states(this.alice).equals(List.of("sent", "pending", "pending")));
		assertThat(texts(this.alice)).containsExactly("before the outage", "written offline 1", "written offline 2");
		ChatPages.screenshot(this.alice, "offline.png");

		goOnline();
		List<String> expected = new ArrayList<>(List.of("before the outage"));
		expected.addAll(duringOutage);
		expected.addAll(List.of("written offline 1", "written offline 2"));
		waitUntilShown(this.alice, expected);
		assertInSeqOrderAndSent(this.alice);
		waitUntilShown(this.bob, expected);
		assertInSeqOrderAndSent(this.bob);
		assertThat(storedTexts()).containsExactlyElementsOf(expected);
	}

	@Test
	void aMessageWhoseAcknowledgementWasLostIsSentAgainAfterTheReconnectAndStoredOnce() {
		ChatPages.signUpAndOpenRoom(this.alice, this.port, this.aliceName, this.room);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, this.bobName, this.room);

		this.alice.executeScript("window.__net.dropIncoming = true");
		ChatPages.send(this.alice, "did you get this?");
		ChatPages.waitFor(this.bob).until((d) -> texts(this.bob).contains("did you get this?"));
		assertThat(states(this.alice)).containsExactly("pending");
		this.alice.executeScript("window.__net.dropIncoming = false");
		assertThat(this.connections.close(this.aliceName, CloseStatus.SERVICE_RESTARTED)).isOne();

		waitUntilShown(this.alice, List.of("did you get this?"));
		ChatPages.send(this.bob, "yes, once");
		List<String> expected = List.of("did you get this?", "yes, once");
		waitUntilShown(this.alice, expected);
		waitUntilShown(this.bob, expected);
		assertThat(storedTexts()).containsExactlyElementsOf(expected);
		assertThat(this.chat.history(this.room, this.bobName, null, 10).messages().get(0).clientId()).isEqualTo(
				this.alice.findElement(By.cssSelector("#messages li.message")).getDomAttribute("data-client-id"));
	}

	@Test
	void aMessageNotAcknowledgedInTimeIsNeverShownAsFailedAndIsSentAgainByItselfAndStoredOnce() {
		ChatPages.signUpAndOpenRoom(this.alice, this.port, this.aliceName, this.room);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, this.bobName, this.room);

		this.alice.executeScript("window.__net.dropIncoming = true");
		ChatPages.send(this.alice, "retry me");
		ChatPages.waitFor(this.bob).until((d) -> texts(this.bob).contains("retry me"));
		// It may be stored (it is): not confirmed yet, never "not sent".
		ChatPages.waitFor(this.alice)
			.until((d) -> "true".equals(this.alice.findElement(By.cssSelector("#messages li.message"))
				.getDomAttribute("data-unconfirmed")));
		assertThat(states(this.alice)).containsExactly("pending");
		assertThat(this.alice.findElement(By.id("messages")).getText()).contains("not confirmed yet")
			.doesNotContain("not sent");
		this.alice.executeScript("window.__net.dropIncoming = false");
		ChatPages.waitFor(this.alice).until((d) -> states(this.alice).equals(List.of("sent")));

		// Alice never received the broadcast of her message: the next one leaves a gap in
		// her stream, which the client fills by catching up.
		ChatPages.send(this.bob, "got it");
		List<String> expected = List.of("retry me", "got it");
		waitUntilShown(this.alice, expected);
		assertInSeqOrderAndSent(this.alice);
		waitUntilShown(this.bob, expected);
		assertThat(storedTexts()).containsExactlyElementsOf(expected);
	}

	@Test
	void aCatchUpTheServerCannotServeShowsTheNewestPageInstead() {
		ChatPages.signUpAndOpenRoom(this.alice, this.port, this.aliceName, this.room);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, this.bobName, this.room);
		ChatPages.send(this.bob, "first");
		ChatPages.waitFor(this.alice).until((d) -> texts(this.alice).contains("first"));

		goOffline();
		ChatPages.send(this.bob, "missed 1");
		ChatPages.send(this.bob, "missed 2");
		ChatPages.send(this.alice, "kept while offline");
		ChatPages.waitFor(this.bob).until((d) -> texts(this.bob).containsAll(List.of("missed 1", "missed 2")));
		// The client claims to be ahead of the server: nothing can be replayed.
		this.alice.executeScript("window.__net.sinceSeq = 1000000");
		goOnline();

		List<String> expected = List.of("first", "missed 1", "missed 2", "kept while offline");
		waitUntilShown(this.alice, expected);
		assertThat(this.alice.findElement(By.id("messages")).getText()).contains("showing the latest messages");
		ChatPages.send(this.bob, "still live");
		ChatPages.waitFor(this.alice).until((d) -> texts(this.alice).contains("still live"));
		assertThat(texts(this.alice)).containsExactly("first", "missed 1", "missed 2", "kept while offline",
				"still live");
		assertInSeqOrderAndSent(this.alice);
	}

	/**
	 * Drop Alice's connection and keep her offline: reconnects fail until goOnline().
	 */
	private void goOffline() {
		this.alice.executeScript("window.__net.offline = true");
		assertThat(this.connections.close(this.aliceName, CloseStatus.SERVICE_RESTARTED)).isOne();
		ChatPages.waitFor(this.alice)
			.until((d) -> ((Number) this.alice.executeScript("return window.__net.refused")).intValue() >= 2);
		assertThat(this.alice.findElement(By.id("connection-badge")).getDomAttribute("data-state"))
			.isEqualTo("reconnecting");
	}

	/**
	 * Let Alice connect again, telling the page the network is back as a browser does.
	 */
	private void goOnline() {
		this.alice.executeScript("window.__net.offline = false; window.dispatchEvent(new Event('online'))");
		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "connected"));
	}

	private List<String> storedTexts() {
		return this.chat.history(this.room, this.bobName, null, 200)
			.messages()
			.stream()
			.map(ChatMessage::text)
			.toList();
	}

	private static List<String> texts(ChromeDriver driver) {
		return ChatPages.messageTexts(driver);
	}

	private static List<String> states(ChromeDriver driver) {
		return shown(driver, "li.dataset.state");
	}

	private static boolean allSent(ChromeDriver driver) {
		return states(driver).stream().allMatch("sent"::equals);
	}

	/**
	 * Every message is acknowledged and shown once, in seq order without gaps.
	 */
	private static void assertInSeqOrderAndSent(ChromeDriver driver) {
		assertThat(states(driver)).containsOnly("sent");
		List<Long> seqs = shown(driver, "li.dataset.seq").stream().map(Long::valueOf).toList();
		assertThat(seqs).isNotEmpty();
		assertThat(seqs)
			.containsExactlyElementsOf(LongStream.range(seqs.get(0), seqs.get(0) + seqs.size()).boxed().toList());
	}

	@SuppressWarnings("unchecked")
	private static List<String> shown(ChromeDriver driver, String property) {
		return (List<String>) driver.executeScript(
				"return [...document.querySelectorAll('#messages li.message')]" + ".map((li) => " + property + ")");
	}

	/**
	 * Wait until the page shows exactly these messages, in this order, all acknowledged.
	 */
	private static void waitUntilShown(ChromeDriver driver, List<String> expected) {
		ChatPages.waitFor(driver)
			.withMessage(() -> "expected " + expected + " all sent, shown " + texts(driver) + " " + states(driver))
			.until((d) -> texts(driver).equals(expected) && allSent(driver));
	}

}
