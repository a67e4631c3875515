/**
 * Intents curated by trainers while the server runs: their examples, background retraining, the
 * comparison of a candidate with the live router, and the atomic swap (and rollback) of the router
 * the pipeline reads.
 */
package dev.kefu.intents.curate;
