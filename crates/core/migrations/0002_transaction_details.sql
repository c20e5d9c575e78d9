-- One transaction's details as the server sent them (GET /card/transaction-details), read
-- offline like the rest; deleted with the card's other rows when the cache goes.

CREATE TABLE transaction_details (
    transaction_id TEXT PRIMARY KEY,
    public_token   TEXT NOT NULL,
    detail_json    TEXT NOT NULL,     -- TransactionDetail
    fetched_at     INTEGER NOT NULL   -- Unix seconds
);
