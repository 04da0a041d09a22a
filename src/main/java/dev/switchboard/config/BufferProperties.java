package dev.switchboard.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The buffers every open connection holds in the servlet container, under
 * {@code switchboard.buffers}: with many idle connections they are much of the memory a
 * connection costs.
 *
 * @param socket the socket read and write buffers of each connection (default 4 KB,
 * Tomcat's own default is 8 KB); a larger frame is read and written in several steps
 */
@ConfigurationProperties("switchboard.buffers")
public record BufferProperties(@DefaultValue("4KB") DataSize socket) {

}
