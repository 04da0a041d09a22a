package dev.switchboard.chat;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Ends the catch-up of a subscription made with {@code since-seq}: sent on that
 * subscription after the missed messages and before the live ones.
 *
 * @param room the room
 * @param recovered {@code true} if every message after {@code since-seq} was sent;
 * {@code false} if too many were missed (or too long ago), and the client should reload
 * the history instead
 * @param replayed how many missed messages were sent
 * @param lastSeq the room's newest sequence number when the catch-up began: the last one
 * replayed when recovered; where to reload history from when not
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("recovery")
public record RecoveryResult(String room, boolean recovered, int replayed, long lastSeq) {

}
