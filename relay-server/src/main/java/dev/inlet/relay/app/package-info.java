/**
 * Starting and stopping the relay: configuration from the environment, the embedded or external
 * database, migrations, Vert.x and the HTTP verticle, and the first start's one-time set-up.
 */
package dev.inlet.relay.app;
