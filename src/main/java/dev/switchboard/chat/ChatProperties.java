package dev.switchboard.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chat settings, under {@code switchboard.chat}.
 *
 * @param maxTextLength the longest message text accepted, in characters (default 4000)
 * @param recoveryMaxMessages the most messages a reconnecting client is sent to catch up
 * on one room (default 10,000); beyond, it is told to reload history instead
 * @param recoveryMaxAge how old the oldest missed message may be for a reconnecting
 * client to catch up (default 24 hours); beyond, it is told to reload history instead
 * @param recoveryConcurrency how many catch-ups one connection is sent at once (default
 * 2); the others wait their turn, their live messages held back meanwhile
 */
@ConfigurationProperties("switchboard.chat")
public record ChatProperties(@DefaultValue("4000") int maxTextLength, @DefaultValue("10000") int recoveryMaxMessages,
		@DefaultValue("24h") Duration recoveryMaxAge, @DefaultValue("2") int recoveryConcurrency) {

}
