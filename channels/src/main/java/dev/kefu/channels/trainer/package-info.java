/**
 * The trainers' side (bearer trainer tokens): knowledge curation and the unanswered-questions
 * inbox ({@code /api/v1/kb/...}), the marketing script library ({@code /api/v1/scripts}), the
 * experiments and the guard rails' suppressions ({@code /api/v1/experiments...}, {@code
 * /api/v1/slots/...}). Handlers parse, call bot-core or the knowledge base, and answer.
 */
package dev.kefu.channels.trainer;
