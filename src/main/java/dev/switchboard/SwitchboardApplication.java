package dev.switchboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the Switchboard real-time server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SwitchboardApplication {

	/**
	 * Tomcat's buffer size for each WebSocket connection's reading, writing and encoding
	 * (its default is 8 KB each), set before Tomcat reads it. Every open connection holds
	 * three such buffers; STOMP frames, already encoded, are written whole from their own
	 * bytes whatever their size, so only reads go through them in parts of this size. A
	 * JVM option of the same name overrides it.
	 */
	static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	static {
		if (System.getProperty(WEBSOCKET_BUFFER_SIZE) == null) {
			System.setProperty(WEBSOCKET_BUFFER_SIZE, "128");
		}
	}

	public static void main(String[] args) {
		SpringApplication.run(SwitchboardApplication.class, args);
	}

}
