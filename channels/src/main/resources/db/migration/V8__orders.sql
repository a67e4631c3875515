-- Orders the store's back end pushes (PUT /api/v1/orders/{orderNo}): the wire JSON as Jackson
-- writes it, with the columns the bot looks orders up by (the number, a shopper's latest).
CREATE TABLE orders (
    order_no   VARCHAR(64) PRIMARY KEY,
    shopper_id VARCHAR(128) NOT NULL,
    placed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    body       VARCHAR NOT NULL,
    updated_by VARCHAR(64) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX orders_by_shopper ON orders (shopper_id, placed_at);

-- What a conversation knows of the orders it is about (the order asked about, whether the bot waits
-- for a number or a phone's last four digits, the tries left, the orders the shopper proved theirs):
-- a JSON object, NULL when the conversation never spoke of orders.
ALTER TABLE conversations ADD COLUMN order_thread VARCHAR;
