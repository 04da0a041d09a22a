package dev.switchboard.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A generator of random values. It draws everything from the random generator it is
 * given, so the same seed gives the same value again.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
interface Gen<T> {

	T next(RandomGenerator random);

	default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
		return (random) -> mapper.apply(next(random));
	}

	static <T> Gen<T> constant(T value) {
		return (random) -> value;
	}

	@SafeVarargs
	static <T> Gen<T> oneOf(T... values) {
		return (random) -> values[random.nextInt(values.length)];
	}

	static <T> Gen<T> oneOf(List<T> values) {
		return (random) -> values.get(random.nextInt(values.size()));
	}

	static Gen<Integer> between(int min, int max) {
		return (random) -> random.nextInt(min, max + 1);
	}

	/**
	 * Sizes from {@code 0} to {@code max}, small ones much more often than large ones.
	 */
	static Gen<Integer> size(int max) {
		return (random) -> random.nextInt(random.nextInt(max + 1) + 1);
	}

	static <T> Gen<List<T>> listOf(Gen<? extends T> element, int min, int max) {
		return (random) -> {
			int size = random.nextInt(min, max + 1);
			List<T> list = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				list.add(element.next(random));
			}
			return list;
		};
	}

	static <T> Frequency<T> frequency() {
		return new Frequency<>();
	}

	/**
	 * Text of up to {@code max} characters: mostly ASCII, with STOMP's special
	 * characters, other Unicode and pairs of surrogates, but never a lone surrogate.
	 */
	static Gen<String> text(int max) {
		Gen<String> character = Gen.<String>frequency()
			.add(8, (random) -> String.valueOf((char) random.nextInt(0x20, 0x7f)))
			.add(2, oneOf("\n", "\r", "\0", ":", "\\", "\"", "\t", " "))
			.add(1, (random) -> String.valueOf((char) random.nextInt(0x80, 0xd800)))
			.add(1, (random) -> Character.toString(random.nextInt(0x10000, 0x110000)));
		return (random) -> {
			int length = size(max).next(random);
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < length; i++) {
				text.append(character.next(random));
			}
			return text.toString();
		};
	}

	/**
	 * Random bytes, up to {@code max} of them.
	 */
	static Gen<byte[]> bytes(int max) {
		return (random) -> {
			byte[] bytes = new byte[size(max).next(random)];
			random.nextBytes(bytes);
			return bytes;
		};
	}

	/**
	 * A short random token of letters and digits.
	 */
	static Gen<String> token() {
		return (random) -> Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
	}

	static Gen<byte[]> utf8(Gen<String> text) {
		return text.map((value) -> value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Chooses one of several generators, each with a weight.
	 *
	 * @param <T> the type of the values
	 */
	final class Frequency<T> implements Gen<T> {

		private final List<Gen<? extends T>> choices = new ArrayList<>();

		private Frequency() {
		}

		Frequency<T> add(int weight, Gen<? extends T> choice) {
			for (int i = 0; i < weight; i++) {
				this.choices.add(choice);
			}
			return this;
		}

		Frequency<T> add(int weight, T value) {
			return add(weight, constant(value));
		}

		@Override
		public T next(RandomGenerator random) {
			return this.choices.get(random.nextInt(this.choices.size())).next(random);
		}

	}

}
