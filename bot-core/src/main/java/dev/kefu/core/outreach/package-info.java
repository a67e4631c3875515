/**
 * Outreach: Kefu speaks first. The trainers' rules ({@link OutreachRules}, the {@code outreach:}
 * section of the script library) name a trigger and a line; {@link Outreach#tick} finds shoppers the
 * triggers fire for, holds back whoever the guard rails protect ({@link HoldReason}), assigns each
 * rule's experiment arm (a holdout gets nothing), delivers the rest and records every decision.
 */
package dev.kefu.core.outreach;
