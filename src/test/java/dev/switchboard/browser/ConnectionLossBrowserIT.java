package dev.switchboard.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.chat.ChatMessage;
import dev.switchboard.chat.ChatService;
import dev.switchboard.support.Browsers;
import dev.switchboard.support.ChatPages;
import dev.switchboard.support.FreezableProxy;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.websocket.WebSocketConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page never lies about its connection or a message: a cut network or a
 * half-open connection is noticed and replaced, messages written meanwhile, in a closed
 * tab, or in several tabs are each sent once and stored once, and a logout in one tab
 * closes the others.
 *
 * <p>
 * The page asks for the default heart-beats (one from the server every 10 s, one to it
 * every 5 s): it counts its connection as lost after 10 s plus a 10 s margin of silence,
 * and the server, checking every 500 ms here, drops a page silent for 15 s.
 */
@SwitchboardTest(properties = { "switchboard.websocket.heartbeat-outgoing=1s",
		"switchboard.websocket.heartbeat-incoming=500ms" })
class ConnectionLossBrowserIT {

	/** Counts, per tab, the chat messages (by clientId) it sent to the server. */
	private static final String COUNT_SENDS = """
			(() => {
				const send = WebSocket.prototype.send;
				window.__sends = [];
				WebSocket.prototype.send = function (data) {
					const text = String(data);
					if (text.startsWith('SEND') && text.includes('/messages')) {
						const match = /"clientId":"([^"]+)"/.exec(text);
						if (match) {
							window.__sends.push(match[1]);
						}
					}
					return send.call(this, data);
				};
			})();
			""";

	@LocalServerPort
	int port;

	@Autowired
	ChatService chat;

	@Autowired
	WebSocketConnections connections;

	ChromeDriver browser;

	String name;

	String room;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		this.room = "loss-" + suffix;
		this.name = "Carol_" + suffix;
		this.browser = Browsers.start();
		this.browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COUNT_SENDS));
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aCutNetworkIsShownAtOnceAndAMessageWrittenMeanwhileIsStoredOnceWhenItIsBack() {
		ChatPages.signUpAndOpenRoom(this.browser, this.port, this.name, this.room);

		setOffline(true);
		// The browser's offline event, long before the heart-beats could tell (20 s).
		within(Duration.ofSeconds(3)).until(badge("reconnecting"));
		ChatPages.send(this.browser, "written in the tunnel");
		assertThat(stateOf("written in the tunnel")).isEqualTo("pending");

		setOffline(false);
		waitFor().until(badge("connected"));
		waitFor().until((d) -> "sent".equals(stateOf("written in the tunnel")));
		assertThat(storedTexts()).containsExactly("written in the tunnel");
		assertThat(sends()).hasSize(1);
	}

	@Test
	void aHalfOpenConnectionIsDroppedByBothEndsAndTheMessageWrittenMeanwhileIsStoredOnce() throws Exception {
		try (FreezableProxy proxy = FreezableProxy.to(this.port)) {
			ChatPages.signUpAndOpenRoom(this.browser, proxy.port(), this.name, this.room);
			assertThat(this.connections.count()).isOne();

			proxy.freeze();
			ChatPages.send(this.browser, "written while frozen");
			// Nothing arrives for 10 s + 10 s: within 25 s of the freeze the page
			// discards the socket, without waiting for a close handshake that cannot
			// complete.
			within(Duration.ofSeconds(25)).until(badge("reconnecting"));
			assertThat(stateOf("written while frozen")).isEqualTo("pending");
			// The server's side: no heart-beat from the page for 3 x 5 s.
			within(Duration.ofSeconds(15)).until((d) -> this.connections.count() == 0);

			proxy.thaw();
			waitFor().until(badge("connected"));
			waitFor().until((d) -> "sent".equals(stateOf("written while frozen")));
			assertThat(storedTexts()).containsExactly("written while frozen");
		}
	}

	@Test
	void aMessageWrittenOfflineInATabThatWasClosedIsStoredOnceWhenThePageIsOpenedAgain() {
		ChatPages.signUpAndOpenRoom(this.browser, this.port, this.name, this.room);
		String chatTab = this.browser.getWindowHandle();
		String otherTab = this.browser.switchTo().newWindow(WindowType.TAB).getWindowHandle();
		this.browser.switchTo().window(chatTab);

		setOffline(true);
		waitFor().until(badge("reconnecting"));
		ChatPages.send(this.browser, "kept for later");
		waitFor().until((d) -> keptMessages() == 1);
		this.browser.close();
		this.browser.switchTo().window(otherTab);
		assertThat(storedTexts()).isEmpty();

		this.browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COUNT_SENDS));
		this.browser.get("http://localhost:" + this.port + "/chat?room=" + this.room);
		waitFor().until((d) -> "sent".equals(stateOf("kept for later")));
		assertThat(storedTexts()).containsExactly("kept for later");
		assertThat(sends()).hasSize(1);
		waitFor().until((d) -> keptMessages() == 0);
	}

	@Test
	void messagesPendingInTwoTabsAreEachSentOnceAlsoWhenTheirTabIsClosed() {
		ChatPages.signUpAndOpenRoom(this.browser, this.port, this.name, this.room);
		String first = this.browser.getWindowHandle();
		String second = openChatInNewTab();

		setOffline(true);
		this.browser.switchTo().window(first);
		setOffline(true);
		waitFor().until(badge("reconnecting"));
		ChatPages.send(this.browser, "from the first tab");
		this.browser.switchTo().window(second);
		waitFor().until(badge("reconnecting"));
		ChatPages.send(this.browser, "from the second tab");
		waitFor().until((d) -> keptMessages() == 2);

		this.browser.switchTo().window(first);
		assertThat(sends()).isEmpty();
		this.browser.close();
		this.browser.switchTo().window(second);
		setOffline(false);

		waitFor().until((d) -> storedTexts().size() == 2 && keptMessages() == 0);
		assertThat(storedTexts()).containsExactlyInAnyOrder("from the first tab", "from the second tab");
		assertThat(sends()).hasSize(2).doesNotHaveDuplicates();
		waitFor().until((d) -> "sent".equals(stateOf("from the second tab")));
	}

	@Test
	void messagesPendingInTwoOpenTabsAreEachSentOnceByOneOfThem() {
		ChatPages.signUpAndOpenRoom(this.browser, this.port, this.name, this.room);
		String first = this.browser.getWindowHandle();
		String second = openChatInNewTab();

		setOffline(true);
		waitFor().until(badge("reconnecting"));
		ChatPages.send(this.browser, "from the second tab");
		this.browser.switchTo().window(first);
		setOffline(true);
		waitFor().until(badge("reconnecting"));
		ChatPages.send(this.browser, "from the first tab");
		waitFor().until((d) -> keptMessages() == 2);

		setOffline(false);
		this.browser.switchTo().window(second);
		setOffline(false);
		waitFor().until((d) -> storedTexts().size() == 2 && keptMessages() == 0);
		waitFor().until((d) -> "sent".equals(stateOf("from the second tab")));
		List<String> sent = new java.util.ArrayList<>(sends());
		this.browser.switchTo().window(first);
		waitFor().until((d) -> "sent".equals(stateOf("from the first tab")));
		sent.addAll(sends());
		assertThat(sent).hasSize(2).doesNotHaveDuplicates();
		assertThat(storedTexts()).containsExactlyInAnyOrder("from the first tab", "from the second tab");
	}

	@Test
	void loggingOutInOneTabClosesTheOtherTabsConnectionAndShowsItTheLoginPage() {
		ChatPages.signUpAndOpenRoom(this.browser, this.port, this.name, this.room);
		String first = this.browser.getWindowHandle();
		String second = openChatInNewTab();
		assertThat(this.connections.count()).isEqualTo(2);

		this.browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
		waitFor().until(ExpectedConditions.not(ExpectedConditions.urlContains("/chat")));

		this.browser.switchTo().window(first);
		within(Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("/login"));
		waitFor().until((d) -> this.connections.count() == 0);
		assertThat(second).isNotEqualTo(first);
	}

	private String openChatInNewTab() {
		String tab = this.browser.switchTo().newWindow(WindowType.TAB).getWindowHandle();
		this.browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COUNT_SENDS));
		this.browser.get("http://localhost:" + this.port + "/chat?room=" + this.room);
		waitFor().until(badge("connected"));
		return tab;
	}

	/** Cut (or restore) the current tab's network, as DevTools' offline mode does. */
	private void setOffline(boolean offline) {
		this.browser.executeCdpCommand("Network.enable", Map.of());
		this.browser.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
	}

	private static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> badge(String state) {
		return ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", state);
	}

	/**
	 * The state (pending, sent, failed) of the current tab's message with this text, or
	 * null.
	 */
	private String stateOf(String text) {
		return (String) this.browser.executeScript("return [...document.querySelectorAll('#messages li.message')]"
				+ ".filter((li) => li.querySelector('.text').textContent === arguments[0])"
				+ ".map((li) => li.dataset.state)[0] ?? null", text);
	}

	/** The chat messages the current tab sent to the server, by clientId. */
	@SuppressWarnings("unchecked")
	private List<String> sends() {
		return (List<String>) this.browser.executeScript("return window.__sends");
	}

	/** How many messages the user's outbox keeps in IndexedDB. */
	private long keptMessages() {
		return ((Number) this.browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const opening = indexedDB.open('switchboard-outbox', 1);
				opening.onsuccess = () => {
					const count = opening.result.transaction('messages').objectStore('messages').count();
					count.onsuccess = () => { opening.result.close(); done(count.result); };
				};
				opening.onerror = () => done(-1);
				""")).longValue();
	}

	private List<String> storedTexts() {
		return this.chat.history(this.room, this.name, null, 200).messages().stream().map(ChatMessage::text).toList();
	}

	private WebDriverWait waitFor() {
		return ChatPages.waitFor(this.browser);
	}

	private WebDriverWait within(Duration duration) {
		return new WebDriverWait(this.browser, duration);
	}

}
