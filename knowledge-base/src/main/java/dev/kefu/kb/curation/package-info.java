/**
 * Curation: how trainers change the knowledge safely while shoppers chat. Every change is a
 * {@link dev.kefu.kb.curation.Revision} in an append-only journal; the shopper-facing knowledge is
 * the snapshot of the last {@link dev.kefu.kb.curation.Publication}, so drafts stay invisible
 * until published. {@link dev.kefu.kb.curation.UnansweredInbox} collects what the bot could not
 * answer, grouped by meaning, for trainers to turn into entries.
 */
package dev.kefu.kb.curation;
