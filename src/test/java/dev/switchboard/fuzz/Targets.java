package dev.switchboard.fuzz;

import java.util.List;

/**
 * What fuzz inputs aim at.
 *
 * @param privateRoom a private room the fuzzing user is not a member of
 * @param publicRooms public rooms the fuzzing user may use
 * @param owner the owner of the private room
 * @param bystander a member of the private room, who must receive nothing the owner did
 * not send
 * @param fuzzer the fuzzing user
 * @param credentials credentials for the fuzzing connections, the first one valid
 * @param ownerMessageId the id of a message of the owner in the private room
 */
record Targets(String privateRoom, List<String> publicRooms, String owner, String bystander, String fuzzer,
		List<Credential> credentials, String ownerMessageId) {

	Credential valid() {
		return this.credentials.get(0);
	}

	/**
	 * The valid credential most of the time, else any other.
	 */
	Gen<Credential> credential() {
		return Gen.<Credential>frequency()
			.add(3, valid())
			.add(1, Gen.oneOf(this.credentials.subList(1, this.credentials.size())));
	}

}
