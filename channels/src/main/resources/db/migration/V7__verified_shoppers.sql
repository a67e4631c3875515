-- Verified shoppers and conversation tokens. shopper_id keeps the id a shopper gave; only when
-- shopper_verified is true did the store sign it (a shopper token), and only then does it find the
-- store's kept tags or own the conversation. Conversations stored before are unverified.
ALTER TABLE conversations ADD COLUMN shopper_verified BOOLEAN DEFAULT FALSE NOT NULL;

-- Secrets the server makes itself at first start and every node on the same database shares: the
-- key conversation tokens are HMACs under (so nothing per conversation is stored). Base64 text.
CREATE TABLE server_secrets (
    name       VARCHAR(64) PRIMARY KEY,
    secret     VARCHAR NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
