package dev.switchboard.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presence settings, under {@code switchboard.presence}.
 *
 * @param coalesceWindow how long a user's change of presence in a room must hold before
 * it is announced (default 1 s): a leave and a join within it send nothing; 0 announces
 * every change at once
 */
@ConfigurationProperties("switchboard.presence")
public record PresenceProperties(@DefaultValue("1s") Duration coalesceWindow) {

}
