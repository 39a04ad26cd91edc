"""Prints the messages of a Maildir as JSON, decoded by Python's email package
(an independent decoder for what yoyaku encodes)."""
import email
import email.policy
import json
import mailbox
import sys
from email.header import decode_header, make_header


def decoded(value):
    if value is None:
        return None
    unfolded = value.replace("\r\n", "\n").replace("\n ", " ").replace("\n\t", " ")
    return str(make_header(decode_header(unfolded)))


def main(path):
    result = []
    for key, message in mailbox.Maildir(path, create=False).items():
        raw = message.as_bytes()
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        body = parsed.get_content() if not parsed.is_multipart() else None
        lines = raw.split(b"\n")
        result.append({
            "subject": decoded(message["Subject"]),
            "from": decoded(message["From"]),
            "to": decoded(message["To"]),
            "date": message["Date"],
            "date_valid": email.utils.parsedate_to_datetime(message["Date"]) is not None,
            "message_id": message["Message-ID"],
            "content_type": parsed.get_content_type(),
            "charset": parsed.get_content_charset(),
            "transfer_encoding": message["Content-Transfer-Encoding"],
            "rcpt_to": message["X-RcptTo"],
            "body": body,
            "max_line_length": max(len(line.rstrip(b"\r")) for line in lines),
            "defects": [str(d) for d in parsed.defects],
        })
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    import email.utils
    main(sys.argv[1])
