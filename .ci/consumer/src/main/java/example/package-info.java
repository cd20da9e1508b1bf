/** A new user's program on rnnkit: the README's Java snippet, built and checked by {@code .ci/consumer/check}. */
package example;
