/**
 * Command-line tools on top of the SDK: {@code inlet forward} ({@link dev.inlet.sdk.cli.Forward}),
 * the main class of {@code consumer-sdk-<version>-cli.jar}.
 */
package dev.inlet.sdk.cli;
