/**
 * All SQL: one {@code *Sql} holder of statements and one {@code *Store} per table family. Stores take
 * a {@link io.vertx.sqlclient.SqlClient} so callers can compose them inside one transaction, and every
 * method that reads tenant data takes the tenant id first. DDL lives only in Flyway migrations.
 */
package dev.inlet.relay.store;
