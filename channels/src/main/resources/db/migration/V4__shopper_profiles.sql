-- The tags the store's back end keeps for its shoppers (PUT /api/v1/shoppers/{id}), added to every
-- message of that shopper. Tags are a JSON array written by Jackson.
CREATE TABLE shopper_profiles (
    shopper_id VARCHAR(128) PRIMARY KEY,
    tags       VARCHAR NOT NULL,
    updated_by VARCHAR(64) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
