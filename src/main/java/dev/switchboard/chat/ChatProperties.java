package dev.switchboard.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chat settings, under {@code switchboard.chat}.
 *
 * @param maxTextLength the longest message text accepted, in characters (default 4000)
 */
@ConfigurationProperties("switchboard.chat")
public record ChatProperties(@DefaultValue("4000") int maxTextLength) {

}
