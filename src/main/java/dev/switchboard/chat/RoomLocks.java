package dev.switchboard.chat;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * Striped locks, one per room (shared by rooms whose names hash alike), under which a
 * room's log entry is stored and broadcast, so that broadcasts leave in sequence order.
 */
@Component
class RoomLocks {

	private final Lock[] locks = new Lock[64];

	RoomLocks() {
		for (int i = 0; i < this.locks.length; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	/**
	 * The lock of a room.
	 */
	Lock of(String room) {
		return this.locks[Math.floorMod(room.hashCode(), this.locks.length)];
	}

}
