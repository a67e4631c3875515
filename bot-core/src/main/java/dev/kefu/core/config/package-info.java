/**
 * The one typed configuration ({@link dev.kefu.core.config.KefuConfig}) and its only loader
 * ({@link dev.kefu.core.config.ConfigLoader}). Records are immutable; the loader reports every
 * error at once in a {@link dev.kefu.core.config.ConfigException}.
 */
package dev.kefu.core.config;
