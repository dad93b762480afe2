"""The service's passes: mail in (ingest), verdicts kept, wiki actions journalled, one pass at a time."""
