package dev.switchboard.dashboard;

/**
 * An election whose outcome the test sets, counting resignations.
 */
class StubElection implements PublisherElection {

	boolean leading;

	int resignations;

	@Override
	public boolean lead() {
		return this.leading;
	}

	@Override
	public void resign() {
		this.leading = false;
		this.resignations++;
	}

}
