package dev.switchboard.dashboard;

/**
 * Decides which instance publishes the dashboards: a single instance always does; in a
 * cluster exactly one does at a time, and another takes over when it stops.
 */
interface PublisherElection {

	/**
	 * Try to become, or stay, the publisher; called once per tick, on the scheduler
	 * thread, so it must return quickly.
	 * @return whether this instance is the publisher until the next call
	 */
	boolean lead();

	/**
	 * Stop being the publisher, if this instance is, so that another can take over at
	 * once.
	 */
	void resign();

}
