package dev.switchboard.fuzz;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Checks a property over generated samples. Every try draws its sample from a seed of its
 * own, and a failure names the seeds that give the same samples again: run with
 * {@code -Dfuzz.seed=<seed>} to repeat a whole run, and add {@code -Dfuzz.tries=1} with a
 * try's own seed to repeat just that sample.
 */
final class Property {

	private static final String SEED = "fuzz.seed";

	private static final String TRIES = "fuzz.tries";

	private Property() {
	}

	/**
	 * Check the property on {@code tries} samples (unless {@code fuzz.tries} says
	 * otherwise).
	 * @param name the property, for reports
	 * @param tries how many samples to check
	 * @param samples the generator of samples
	 * @param property the check, which throws to report a sample that falsifies it
	 */
	static <T> void forAll(String name, int tries, Gen<T> samples, Consumer<T> property) {
		long seed = Long.getLong(SEED, ThreadLocalRandom.current().nextLong());
		int count = Integer.getInteger(TRIES, tries);
		System.out.println("Property '" + name + "': " + count + " tries from seed " + seed);
		for (int i = 0; i < count; i++) {
			long trySeed = seed + i;
			T sample = null;
			try {
				sample = samples.next(new SplittableRandom(trySeed));
				property.accept(sample);
			}
			catch (AssertionError | RuntimeException ex) {
				throw new AssertionError("Property '" + name + "' falsified by try " + (i + 1) + " of " + count
						+ " (run seed " + seed + ", this sample alone: -D" + SEED + "=" + trySeed + " -D" + TRIES
						+ "=1)\nSample: " + sample + "\nFailure: " + ex.getMessage(), ex);
			}
		}
	}

}
