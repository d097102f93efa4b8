/**
 * Errors as RFC 9457 problems: {@link dev.inlet.relay.problem.InletProblem} and its
 * {@link dev.inlet.relay.problem.ProblemType}s are the only failures clients see. Domain and store
 * code throw them; the HTTP layer renders them in one place.
 */
package dev.inlet.relay.problem;
