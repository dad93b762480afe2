"""Where the mail comes from: the queue over IMAP (imap), .eml and mbox files (files)."""
