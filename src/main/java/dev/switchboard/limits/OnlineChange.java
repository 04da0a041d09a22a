package dev.switchboard.limits;

/**
 * An application event: a user's first connection was accepted ({@code online}), or their
 * last one closed; in a cluster, counted on all instances together. Published by
 * {@link ConnectionLimits} on the thread of the change while the user's connections
 * cannot change, so that listeners see one user's changes in order; listeners must be
 * quick.
 *
 * @param user the user
 * @param online whether the user now has a connection
 */
public record OnlineChange(String user, boolean online) {

}
