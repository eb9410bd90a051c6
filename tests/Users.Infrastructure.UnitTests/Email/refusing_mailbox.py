"""aiosmtpd handler for the tests: aiosmtpd's Mailbox (every message stored in a maildir), except for recipients
whose local part asks for a refusal: refuse-550-... is refused for good (550), refuse-451-... for now (451)."""
from aiosmtpd.handlers import Mailbox


class RefusingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        if local.startswith("refuse-550"):
            return "550 5.1.1 Mailbox unavailable"
        if local.startswith("refuse-451"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
