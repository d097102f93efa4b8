/**
 * The recipes of {@code docs/sdk.md}, as classes the build compiles, so that the guide cannot drift
 * from the API. Each method is one snippet of the guide.
 */
package dev.inlet.sdk.examples;
