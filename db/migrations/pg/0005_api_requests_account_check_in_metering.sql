-- The metering transaction checks every row's account (it locks it): the per-row foreign key only repeated that.
ALTER TABLE "api_requests" DROP CONSTRAINT "api_requests_account_id_accounts_id_fk";
