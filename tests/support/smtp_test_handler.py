"""aiosmtpd handler for the tests: keeps every message in a Maildir, and
rejects recipients whose address starts with "reject" (550), as a real mail
server rejects an unknown user."""
import mailbox
import os

from aiosmtpd.handlers import Mailbox


class RecordingHandler(Mailbox):
    def __init__(self, mail_dir):
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(mail_dir, sub), exist_ok=True)
        super().__init__(mail_dir)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"
