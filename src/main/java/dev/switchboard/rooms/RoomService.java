package dev.switchboard.rooms;

import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import dev.switchboard.accounts.Account;
import dev.switchboard.accounts.AccountRepository;
import dev.switchboard.system.ClientErrorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/**
 * Opens, creates and guards rooms: public rooms come into being when first joined,
 * private rooms are created explicitly and admit only their members, a direct
 * conversation is opened by either of its two people and admits only them.
 */
@Service
public class RoomService {

	private static final Log logger = LogFactory.getLog(RoomService.class);

	static final String INVITATIONS_QUEUE = "/queue/invitations";

	/** The most rooms one page of {@link #visibleTo} holds. */
	static final int MAX_PAGE = 500;

	private final RoomRepository rooms;

	private final AccountRepository accounts;

	private final SimpMessageSendingOperations messaging;

	private final RoomCreations creations;

	private final UserRoomRepository userRooms;

	/** Striped locks under which the first joiners of a new room open it. */
	private final Lock[] openLocks = new Lock[64];

	RoomService(RoomRepository rooms, AccountRepository accounts, SimpMessageSendingOperations messaging,
			RoomCreations creations, UserRoomRepository userRooms) {
		this.rooms = rooms;
		this.userRooms = userRooms;
		this.creations = creations;
		for (int i = 0; i < this.openLocks.length; i++) {
			this.openLocks[i] = new ReentrantLock();
		}
		this.accounts = accounts;
		this.messaging = messaging;
	}

	/**
	 * Decide whether a user may join a room, creating it as a public room if it does not
	 * exist yet (atomically, so a concurrent private creation cannot be joined by
	 * outsiders).
	 * @return {@code false} for an invalid name or a private room the user is not a
	 * member of
	 * @throws ClientErrorException {@code rate-limited} if the user created too many
	 * rooms lately
	 */
	public boolean join(String room, String username) {
		if (!RoomNames.isValid(room)) {
			return false;
		}
		Room found = this.rooms.find(room).orElse(null);
		if (found == null) {
			if (RoomNames.isDirect(room)) {
				return false; // opened only by openDirect
			}
			found = open(room, username);
		}
		return found.isPublic() || this.rooms.isMember(room, username);
	}

	/**
	 * Open a public room for its first joiner. Joiners of one new room on this server
	 * take turns, so that only the one who creates it uses up a creation of their
	 * allowance and the others find it made; one who lost a race with another server gets
	 * the creation back.
	 */
	private Room open(String room, String username) {
		Lock lock = this.openLocks[Math.floorMod(room.hashCode(), this.openLocks.length)];
		lock.lock();
		try {
			Room found = this.rooms.find(room).orElse(null);
			if (found != null) {
				return found;
			}
			this.creations.take(username);
			if (this.rooms.insert(new Room(room, Visibility.PUBLIC, null))) {
				logger.info("Public room '" + room + "' opened by " + username);
			}
			else {
				this.creations.giveBack(username);
			}
			return this.rooms.find(room).orElseThrow();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Return the room if the user may read and post in it: anyone for a public room,
	 * members for a private one.
	 * @throws ClientErrorException {@code invalid-room}, {@code room-not-found} or
	 * {@code forbidden}
	 */
	public Room requireAccess(String room, String username) {
		RoomNames.require(room);
		Room found = this.rooms.find(room)
			.orElseThrow(() -> ClientErrorException.notFound("room-not-found", "There is no room '" + room + "'"));
		if (!found.isPublic() && !this.rooms.isMember(room, username)) {
			throw ClientErrorException.forbidden("Room '" + room + "' is private");
		}
		return found;
	}

	/**
	 * Create a room; the creator of a private room is its owner and first member.
	 * @throws ClientErrorException {@code room-exists} if the name is taken,
	 * {@code rate-limited} if the user created too many rooms lately
	 */
	public Room create(String name, Visibility visibility, String creator) {
		RoomNames.require(name);
		if (visibility == Visibility.DIRECT || RoomNames.isDirect(name)) {
			throw new ClientErrorException("invalid-room",
					"Names starting with 'dm-' are for direct conversations: open one with SEND /app/users/{user}/conversation");
		}
		this.creations.take(creator);
		Room room = new Room(name, visibility, (visibility == Visibility.PRIVATE) ? creator : null);
		if (!this.rooms.insert(room)) {
			throw new ClientErrorException("room-exists", "A room named '" + name + "' exists");
		}
		if (visibility == Visibility.PRIVATE) {
			this.rooms.addMember(name, creator, null);
		}
		this.userRooms.add(creator, name);
		logger.info("Room '" + name + "' (" + visibility + ") created by " + creator);
		return room;
	}

	/**
	 * Let the owner of a private room add a member, who is told on
	 * {@code /user/queue/invitations}.
	 * @return the invitation that was sent
	 */
	public Invitation invite(String room, String owner, String invitee) {
		Room found = requireAccess(room, owner);
		if (found.isPublic()) {
			throw ClientErrorException.badRequest("Room '" + room + "' is public: anyone may join it");
		}
		if (found.isDirect()) {
			throw ClientErrorException.badRequest("A direct conversation is between two people: create a private room");
		}
		if (!owner.equals(found.owner())) {
			throw ClientErrorException.forbidden("Only the owner of '" + room + "' may invite");
		}
		Account account = this.accounts.findByUsername(invitee)
			.orElseThrow(() -> ClientErrorException.notFound("user-not-found", "There is no user '" + invitee + "'"));
		this.rooms.addMember(room, account.username(), owner);
		this.userRooms.add(account.username(), room);
		Invitation invitation = new Invitation(room, owner, account.username());
		this.messaging.convertAndSendToUser(account.username(), INVITATIONS_QUEUE, invitation);
		logger.info(owner + " invited " + account.username() + " to '" + room + "'");
		return invitation;
	}

	/**
	 * Open the direct conversation of a user with another (or with oneself), creating it
	 * on first use (within the user's room creations) and telling the other person on
	 * {@code /user/queue/invitations}.
	 * @return the conversation, with the other person as its peer
	 * @throws ClientErrorException {@code user-not-found}, or {@code rate-limited} if the
	 * user created too many rooms lately
	 */
	public Room openDirect(String username, String other) {
		Account peer = this.accounts.findByUsername(other)
			.orElseThrow(() -> ClientErrorException.notFound("user-not-found", "There is no user '" + other + "'"));
		String name = RoomNames.direct(username, peer.username());
		Room found = this.rooms.find(name).orElse(null);
		if (found == null) {
			found = createDirect(name, username, peer.username());
		}
		if (!found.isDirect()) {
			throw new ClientErrorException("room-exists", "A room named '" + name + "' exists and is not direct");
		}
		return new Room(name, Visibility.DIRECT, null, peer.username());
	}

	private Room createDirect(String name, String username, String peer) {
		Lock lock = this.openLocks[Math.floorMod(name.hashCode(), this.openLocks.length)];
		lock.lock();
		try {
			Room found = this.rooms.find(name).orElse(null);
			if (found != null) {
				return found;
			}
			this.creations.take(username);
			boolean created = this.rooms.insert(new Room(name, Visibility.DIRECT, null));
			if (!created) {
				this.creations.giveBack(username); // another instance opened it first
			}
			// Both members, also when another instance won: their rows may not be there
			// yet.
			this.rooms.addMember(name, username, null);
			this.rooms.addMember(name, peer, null);
			this.userRooms.add(username, name);
			this.userRooms.add(peer, name);
			if (created) {
				logger.info("Direct conversation '" + name + "' opened by " + username + " with " + peer);
				if (!peer.equals(username)) {
					this.messaging.convertAndSendToUser(peer, INVITATIONS_QUEUE, new Invitation(name, username, peer));
				}
			}
			return this.rooms.find(name).orElseThrow();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Public rooms and the private rooms the user belongs to, by name, a page at a time.
	 * @param after the last name of the previous page, or {@code null} for the first
	 * @param limit how many rooms a page has, 1 to {@value #MAX_PAGE}
	 * @throws ClientErrorException {@code bad-request} for a limit out of range
	 */
	public RoomPage visibleTo(String username, String after, int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw ClientErrorException.badRequest("limit must be 1 to " + MAX_PAGE);
		}
		List<Room> rooms = this.rooms.visibleTo(username, (after != null) ? after : "", limit + 1);
		if (rooms.size() <= limit) {
			return new RoomPage(rooms, null);
		}
		List<Room> page = rooms.subList(0, limit);
		return new RoomPage(List.copyOf(page), page.get(limit - 1).name());
	}

}
