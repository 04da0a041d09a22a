package dev.switchboard.browser;

import java.util.UUID;

import dev.switchboard.support.Browsers;
import dev.switchboard.support.ChatPages;
import dev.switchboard.support.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Two people in two browsers, each on the page of a different instance of a cluster, meet
 * in a room and chat, as the README's two-instance recipe has them do.
 */
class ClusterBrowserIT {

	private Cluster cluster;

	private ChromeDriver alice;

	private ChromeDriver bob;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.cluster = Cluster.create();
		this.alice = Browsers.start();
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
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void usersOnTwoInstancesSeeEachOtherAndChat() {
		int portA = this.cluster.start();
		int portB = this.cluster.start();
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String room = "cluster-" + suffix;
		String aliceName = "Alice_" + suffix;
		String bobName = "Bob_" + suffix;
		ChatPages.signUpAndOpenRoom(this.alice, portA, aliceName, room);
		ChatPages.signUpAndOpenRoom(this.bob, portB, bobName, room);

		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), bobName));
		ChatPages.waitFor(this.bob)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), aliceName));

		ChatPages.send(this.alice, "Hello from instance A");
		ChatPages.waitForMessage(this.bob, "Hello from instance A");
		ChatPages.send(this.bob, "Hello back from instance B");
		ChatPages.waitForMessage(this.alice, "Hello back from instance B");
	}

}
