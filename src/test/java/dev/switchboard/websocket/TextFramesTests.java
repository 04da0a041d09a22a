package dev.switchboard.websocket;

import java.lang.reflect.Proxy;

import jakarta.websocket.RemoteEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TextFrames}: the Tomcat this product ships with offers what it needs.
 */
class TextFramesTests {

	@Test
	void shippedTomcatIsSupported() {
		assertThat(TextFrames.supported()).as("else every text frame is encoded again from a String").isTrue();
	}

	@Test
	void remoteEndpointOfAnotherContainerIsNotUsed() {
		RemoteEndpoint.Async other = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { RemoteEndpoint.Async.class }, (proxy, method, args) -> null);
		assertThat(TextFrames.of(other)).isNull();
	}

}
