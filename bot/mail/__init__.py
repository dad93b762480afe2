"""Where the mail comes from: the queue over IMAP (`imap`), .eml, mbox, maildir and stdin (`files`)."""
