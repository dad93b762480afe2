"""The batch verifier: schedules evidence lookups for many mails, reports and the `verify` command."""
