-- Who a waiting webhook post is about: a hand-off notification carries the conversation's
-- transcript, an outreach post the shopper's id and the message. A shopper's erasure deletes the
-- posts about them or their conversations that are still waiting (JdbcPersonalData.erase).
-- Posts made before this migration have neither and wait out their retries as before.
ALTER TABLE webhook_outbox ADD COLUMN conversation_id VARCHAR(64);
ALTER TABLE webhook_outbox ADD COLUMN shopper_id VARCHAR(128);
