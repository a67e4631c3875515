/**
 * Service analytics for trainers ({@code /api/v1/analytics/*}, bearer trainer token): the figures
 * of docs/ANALYTICS.md read from the database's per-conversation facts, and the Prometheus series
 * of the headline counts ({@code GET /metrics}). Imports {@code http} and {@code jdbc} only.
 */
package dev.kefu.channels.analytics;
