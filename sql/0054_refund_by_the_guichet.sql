-- A refund the guichet makes itself (docs/payments.md): a certificate paid
-- for while the register was away, which the register then could not
-- issue (it does not know the person, or lacks what the type prints), is
-- refunded whole by the certificates' queue, in the transaction that ends
-- the request, with a key made from the request so it is asked once.
-- Such a refund has no agent.
ALTER TABLE payment_refunds ALTER COLUMN agent_id DROP NOT NULL;
