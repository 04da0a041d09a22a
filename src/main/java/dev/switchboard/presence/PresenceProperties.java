package dev.switchboard.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presence settings, under {@code switchboard.presence}.
 *
 * @param coalesceWindow how long a user's change of presence in a room, or of being
 * online, must hold before it is announced (default 1 s): a leave and a join (a reload)
 * within it send nothing; 0 announces every change at once
 * @param onlineListSize how many users the reply to {@code /app/presence/online} names at
 * most, the first by name (default 500); its {@code total} counts them all
 */
@ConfigurationProperties("switchboard.presence")
public record PresenceProperties(@DefaultValue("1s") Duration coalesceWindow, @DefaultValue("500") int onlineListSize) {

}
