"""Message sources: where ticket mails come from (files on disk, the queue's mailbox)."""
