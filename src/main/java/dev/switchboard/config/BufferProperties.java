package dev.switchboard.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The buffers every open connection holds in the servlet container, under
 * {@code switchboard.buffers}: with many idle connections they are most of the memory a
 * connection costs.
 *
 * @param message the WebSocket message buffer, one for text and one for binary (default 1
 * KB); a longer message is handed over in parts, which both endpoints join up to their
 * own size limits, so this only trades memory for a little work on large messages
 * @param socket the socket read and write buffers of each connection (default 4 KB,
 * Tomcat's own default is 8 KB)
 */
@ConfigurationProperties("switchboard.buffers")
public record BufferProperties(@DefaultValue("1KB") DataSize message, @DefaultValue("4KB") DataSize socket) {

}
