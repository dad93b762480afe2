"""A reply quoting the sender's own earlier mail: the quote is the holder's statement when the new words
name no license, and stays a quote when they do (a corrected release quoting the one it replaces)."""

from __future__ import annotations

import pytest

from bot.config.verifier import load_verifier_settings
from verification.model import LicenseProblem
from verification.reading import ReadingVocabulary, read_ticket

HEAD = "From: Sara Conti <sara@conti.example>\nSubject: Re: [Ticket#2025030710814009] foto\n"
HEAD += "Content-Type: text/plain; charset=utf-8\n\n"
OWN_QUOTE = "On Mon, 3 Mar 2025 at 18:42, Sara Conti <sara@conti.example> wrote:\n"
AGENT_QUOTE = "On Mon, 3 Mar 2025 at 18:42, VRT <permissions@wikimedia.example> wrote:\n"
CLEAN = "> I publish File:Como.jpg under CC BY-SA 4.0.\n"
# Outlook quotes the agent's mail whole, and in it the sender's first mail under a header naming her
OUTLOOK_AGENT = "From: VRT <permissions@wikimedia.example>\nSent: 4 March 2025 10:00\nSubject: Re: foto\n\n"
NAMED_QUOTE = "On 3/3/2025 18:42, Sara Conti wrote:\n"
OTHER_QUOTE = "On 3/3/2025 18:42, Marco Rossi wrote:\n"
SIGNER_QUOTE = "On 3/3/2025 18:42, Marco Ricci wrote:\n"  # the firm's address sent it, Marco Ricci signs
# the Release Generator's "not limited to Wikipedia", wrapped by the mail program inside the quote
WRAPPED_NOT_LIMITED = (
    ">> I publish File:Como.jpg under CC BY-SA 4.0. I acknowledge that this agreement is not\n"
    ">> limited to Wikipedia or related sites.\n"
)
RESTRICTED = "> I publish File:Como.jpg under CC BY-SA 4.0, only for use on Wikipedia.\n"
# QQ Mail quotes the agent's reply whole and, in its text, the sender's first mail under a second block
# whose From names her address (the agent's block names it too, as its To)
QQ_LINE = "------------------ 原始邮件 ------------------\n"
QQ_AGENT = (
    QQ_LINE + '发件人: "VRT"<permissions@wikimedia.example>;\n发送时间: 2025年3月4日\n'
    '收件人: "Sara Conti"<sara@conti.example>;\n主题: Re: foto\n\nWho is the holder?\n\n'
)
QQ_FIRST = QQ_LINE + '发件人: "{name}"<{address}>;\n发送时间: 2025年3月3日\n主题: foto\n\n'
QQ_STATEMENT = "I publish File:Como.jpg under CC BY-SA 4.0.\n"


@pytest.fixture(scope="module")
def vocab() -> ReadingVocabulary:
    return load_verifier_settings().reading


CORRECTION = "Sorry, my earlier mail was wrong. I publish File:Como.jpg under CC BY 4.0.\n\n"
# (id, the reply's body, the license read, the problem read)
CASES = [
    (
        "own-quote-confirmed",
        "I confirm everything I wrote below.\n\n" + OWN_QUOTE + CLEAN,
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "own-quote-restriction-counts",
        "I confirm it.\n\n" + OWN_QUOTE + RESTRICTED,
        None,
        LicenseProblem.WIKIPEDIA_ONLY,
    ),
    ("new-license-replaces-the-quoted-one", CORRECTION + OWN_QUOTE + RESTRICTED, "CC-BY-4.0", None),
    # the new words name the license again and say the quoted mail still holds: its restriction with it
    (
        "license-named-again-the-quote-still-holds",
        "I publish File:Como.jpg under CC BY-SA 4.0. What I wrote below still stands.\n\n"
        + OWN_QUOTE
        + RESTRICTED,
        None,
        LicenseProblem.WIKIPEDIA_ONLY,
    ),
    (
        "own-quote-wrapped-negation-is-whole",
        "Happy for the licence below to stand.\n\n"
        + AGENT_QUOTE
        + "> Who took it?\n>\n> "
        + OWN_QUOTE
        + WRAPPED_NOT_LIMITED,
        "CC-BY-SA-4.0",
        None,
    ),
    ("agent-quote-is-no-statement", "I agree.\n\n" + AGENT_QUOTE + CLEAN, None, LicenseProblem.NONE_FOUND),
    (
        "own-mail-inside-the-agent-quote-by-name",
        "Yes, I took them.\n\n" + OUTLOOK_AGENT + "Who took them?\n\n" + NAMED_QUOTE + CLEAN,
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "own-mail-inside-the-agent-quote-by-the-reply-signer",
        "Yes, I took them.\n\nMarco Ricci\n\n" + OUTLOOK_AGENT + "Who took them?\n\n" + SIGNER_QUOTE + CLEAN,
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "headerless-quote-signed-by-the-sender",
        "I agree.\n\n" + CLEAN + "> Sara Conti, 03.03.2025\n",
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "headerless-quote-signed-by-someone-else",
        "I agree.\n\n" + CLEAN + "> Marco Rossi, 03.03.2025\n",
        None,
        LicenseProblem.NONE_FOUND,
    ),
    (
        "own-mail-nested-in-the-agent-quote-by-address",
        "I add the missing file.\n\n"
        + QQ_AGENT
        + QQ_FIRST.format(name="Sara Conti", address="sara@conti.example")
        + QQ_STATEMENT,
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "another-address-nested-in-the-agent-quote",
        "I add the missing file.\n\n"
        + QQ_AGENT
        + QQ_FIRST.format(name="Marco Rossi", address="marco@rossi.example")
        + QQ_STATEMENT,
        None,
        LicenseProblem.NONE_FOUND,
    ),
    (
        "own-name-from-a-personal-address-nested-in-the-agent-quote",
        "I confirm the statement below, sent from my personal address.\n\n"
        + QQ_AGENT
        + QQ_FIRST.format(name="Sara Conti", address="sara.conti.1980@mail.example")
        + QQ_STATEMENT,
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "own-name-quoted-in-an-outlook-block-inside-the-agent-quote",
        "I confirm the statement below.\n\n"
        + OUTLOOK_AGENT
        + "Please confirm from your official address.\n\n"
        + "> From: Sara Conti <sara.conti.1980@mail.example>\n> Sent: 3 March 2025\n> Subject: foto\n>\n"
        + CLEAN,
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "headerless-first-mail-inside-the-outlook-agent-quote",
        "Here are the files.\n\n" + OUTLOOK_AGENT + "Which files?\n\n" + CLEAN + "> Sara Conti\n",
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "headerless-mail-of-someone-else-inside-the-outlook-agent-quote",
        "Here are the files.\n\n" + OUTLOOK_AGENT + "Which files?\n\n" + CLEAN + "> Marco Rossi\n",
        None,
        LicenseProblem.NONE_FOUND,
    ),
    (
        "the-reply-signer-wrote-the-quoted-mail-from-a-personal-address",
        "As asked, from the museum's address: I confirm it.\n\nDr. Marco Ricci\nDirector\n\n"
        + "Confidential: this message is meant for its addressee only, please delete it if it is not you.\n\n"
        + AGENT_QUOTE
        + "> Please resend.\n>\n> On 3/3/2025 18:42, Marco Ricci <m.ricci.1970@mail.example> wrote:\n"
        + ">"
        + CLEAN,
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "a-first-mail-from-another-address-signed-with-the-senders-name",
        "I sent the permission below; I now write from my site's address.\n\n"
        + AGENT_QUOTE
        + "> Please confirm from your official address.\n>\n"
        + "> On 3/3/2025 22:40, sara.conti.1980@mail.example wrote:\n>"
        + CLEAN
        + ">> Sara Conti\n>> 2025-03-03\n>> [generated using relgen]\n",
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "a-first-mail-from-another-address-signed-by-someone-else",
        "I sent the permission below; I now write from my site's address.\n\n"
        + AGENT_QUOTE
        + "> Please confirm from your official address.\n>\n"
        + "> On 3/3/2025 22:40, marco.rossi.1980@mail.example wrote:\n>"
        + CLEAN
        + ">> Marco Rossi\n>> 2025-03-03\n>> [generated using relgen]\n",
        None,
        LicenseProblem.NONE_FOUND,
    ),
    (
        # "> -----Original Message-----" opens the first mail: its "> From:" line alone opens no quote
        "own-mail-under-an-outlook-separator-nested-in-the-agent-quote",
        "The file is File:Como.jpg; the rest is as in my first mail.\n\n"
        + "-----Original Message-----\nFrom: VRT <permissions@wikimedia.example>\nTo: <sara@conti.example>;\n"
        + "Sent: 4 March 2025\nSubject: Re: foto\n\n> Which file?\n>\n> -----Original Message-----\n"
        + '> From: "Sara Conti"<sara@conti.example>\n> Sent: 3 March 2025\n>'
        + CLEAN,
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "someone-else-inside-the-agent-quote",
        "Yes, I took them.\n\n" + OUTLOOK_AGENT + "Who took them?\n\n" + OTHER_QUOTE + CLEAN,
        None,
        LicenseProblem.NONE_FOUND,
    ),
]


@pytest.mark.parametrize(("body", "spdx", "problem"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_own_quote_is_read_only_when_the_new_words_name_no_license(
    vocab: ReadingVocabulary, body: str, spdx: str | None, problem: LicenseProblem | None
) -> None:
    reading = read_ticket((HEAD + body).encode(), vocab)
    assert (reading.license.spdx, reading.license.problem) == (spdx, problem)


# A reply answering the agent's questions between the quoted lines: a short answer is read with the
# question above it, so that a bare "No" refuses what the question asks about.
ANSWERS = "On Mon, 3 Mar 2025 at 18:42, VRT <permissions@wikimedia.example> wrote:\n> Hello,\n>\n"


@pytest.mark.parametrize(
    ("body", "spdx", "problem"),
    [
        pytest.param(
            ANSWERS + "> Do you agree to publish File:Como.jpg under CC BY-SA 4.0?\n\nYes, I agree.\n",
            "CC-BY-SA-4.0",
            None,
            id="yes-to-the-license",
        ),
        pytest.param(
            ANSWERS + "> Do you agree to publish File:Como.jpg under CC BY-SA 4.0?\n\nNo.\n",
            None,
            LicenseProblem.NONE_FOUND,
            id="no-to-the-license",
        ),
        pytest.param(
            ANSWERS
            + "> Which license?\n\nCC BY-SA 4.0\n\n"
            + "> May anyone use and modify the photo commercially?\n\nNo.\n",
            None,
            LicenseProblem.NON_COMMERCIAL,  # both refused; the worse is named
            id="no-to-commercial-use-and-modification",
        ),
        pytest.param(
            ANSWERS
            + "> Did you take the photo, or did someone else?\n\n"
            + "I took it, CC BY-SA 4.0 for File:Como.jpg.\n",
            "CC-BY-SA-4.0",
            None,
            id="a-question-credits-no-one",
        ),
        pytest.param(
            ANSWERS
            + '> You wrote "CC BY-SA" for File:Como.jpg. Which version do you mean?\n\nAnswer: 4.0.\n',
            "CC-BY-SA-4.0",
            None,
            id="a-bare-version-versions-the-license-asked-about",
        ),
        pytest.param(
            ANSWERS + '> You wrote "CC BY-NC-SA" for File:Como.jpg. Which version do you mean?\n\n4.0.\n',
            None,
            LicenseProblem.NONE_FOUND,
            id="a-bare-version-under-a-non-free-license-grants-nothing",
        ),
    ],
)
def test_inline_answers_are_read_with_their_questions(
    vocab: ReadingVocabulary, body: str, spdx: str | None, problem: LicenseProblem | None
) -> None:
    reading = read_ticket((HEAD + body).encode(), vocab)
    assert (reading.license.spdx, reading.license.problem) == (spdx, problem)
    assert not any(credit.name is None and not credit.by_signer for credit in reading.statement.credits)


# The agent sets out a statement in the quoted mail and asks for a confirmation: between rule lines, to be
# confirmed above the quote ("I confirm the statement below"), or as a paragraph answered under it.
DRAFT = (
    "On Mon, 3 Mar 2025 at 18:42, VRT <permissions@wikimedia.example> wrote:\n"
    '> If you agree, reply "I confirm the statement below":\n>\n> ------\n'
    "> I, Sara Conti, publish File:Como.jpg under CC BY-SA 4.0.\n> ------\n>\n"
    "> Licenses such as CC BY-NC 4.0 are not accepted.\n"
)
# The agent's instruction puts the answer in quotation marks and ends with a colon; the draft follows,
# up to the agent's closing.
INSTRUCTED = (
    "On Mon, 3 Mar 2025 at 18:42, VRT <permissions@wikimedia.example> wrote:\n"
    "> Dear Ms Conti,\n>\n"
    '> Please simply reply "I agree" if the following statement is correct:\n>\n'
    "> I, Sara Conti, publish File:Como.jpg under CC BY-SA 4.0.\n>\n"
    "> Sara Conti, 2025-03-03\n>\n> Kind regards,\n> Hannah Berg\n> --\n> Volunteer Response Team\n"
)
ANSWERED_UNDER = (
    "My answers are marked (SC).\n\n"
    "On Mon, 3 Mar 2025 at 18:42, VRT <permissions@wikimedia.example> wrote:\n"
    "> Please confirm this statement in full:\n>\n"
    "> I, Sara Conti, publish File:Como.jpg under CC BY-SA 4.0.\n"
    "{answer}\n>\n> Regards\n"
)


@pytest.mark.parametrize(
    ("body", "spdx", "problem"),
    [
        pytest.param("I confirm the statement below.\n\n" + DRAFT, "CC-BY-SA-4.0", None, id="confirmed"),
        pytest.param(
            "I do not confirm the statement below.\n\n" + DRAFT,
            None,
            LicenseProblem.NONE_FOUND,
            id="not-confirmed",
        ),
        pytest.param("Thank you.\n\n" + DRAFT, None, LicenseProblem.NONE_FOUND, id="no-confirmation"),
        pytest.param(
            "I confirm the information below.\n\n"
            + OUTLOOK_AGENT
            + "Who took it?\n\n"
            + "________________________________\nFrom: Marco Rossi <marco@rossi.example>\nSent: Sunday\n"
            + "Subject: foto\n\nWe would suggest CC BY-SA 4.0 for File:Como.jpg, if you agree.\n\n"
            + "________________________________\nFrom: Eva Rossi <eva@rossi.example>\nSent: Saturday\n"
            + "Subject: foto\n\nHello\n",
            None,
            LicenseProblem.NONE_FOUND,
            id="a-threads-separators-part-mails-no-draft",
        ),
        pytest.param(
            "I confirm the statement below.\n\n"
            + DRAFT.replace("CC BY-SA 4.0.", "CC BY-SA 4.0, only for Wikipedia."),
            None,
            LicenseProblem.WIKIPEDIA_ONLY,
            id="the-drafts-restriction-counts",
        ),
        pytest.param(
            ANSWERED_UNDER.format(answer="(SC) I confirm the whole statement."),
            "CC-BY-SA-4.0",
            None,
            id="confirmed-under-it",
        ),
        pytest.param(
            ANSWERED_UNDER.format(answer="(SC) I do not confirm it."),
            None,
            LicenseProblem.NONE_FOUND,
            id="not-confirmed-under-it",
        ),
    ],
)
def test_a_statement_the_reply_confirms_is_the_senders(
    vocab: ReadingVocabulary, body: str, spdx: str | None, problem: LicenseProblem | None
) -> None:
    reading = read_ticket((HEAD + body).encode(), vocab)
    assert (reading.license.spdx, reading.license.problem) == (spdx, problem)


# A correction of the license only, quoting the agent's question and under it, one level deeper, the
# sender's first mail signed with the name that signs the reply (the office's address sends): who made the
# work stays as that first mail said, even where it names no one ("my brother"), which a quote of another's
# mail would not credit.
OFFICE_HEAD = HEAD.replace("Sara Conti <sara@conti.example>", "Club Office <office@club.example>")
EARLIER = (
    "Yes, the license is CC BY-SA 4.0.\n\nRegards,\nSara Conti\nSecretary\n\n"
    + AGENT_QUOTE
    + "> Which version of CC BY-SA do you mean?\n>\n"
    + ">> Here is the permission for File:Como.jpg.\n"
    + ">> My brother took the photos in 1962.\n"
    + ">> The club releases them under CC BY-SA.\n>>\n>> {signature}\n"
)


@pytest.mark.parametrize(
    ("signature", "credited"),
    [
        pytest.param("Sara Conti", True, id="signed-by-the-replys-signer"),
        pytest.param("Anna Weber", False, id="signed-by-someone-else"),
    ],
)
def test_a_corrected_release_keeps_the_first_mails_credits(
    vocab: ReadingVocabulary, signature: str, credited: bool
) -> None:
    reading = read_ticket((OFFICE_HEAD + EARLIER.format(signature=signature)).encode(), vocab)
    assert reading.license.spdx == "CC-BY-SA-4.0"
    assert bool(reading.statement.credits) is credited


# A name in a script written without spaces is a full name: the bottom-posted first mail under "在 …，陈志远
# 写道：" is the sender's own, its license kept where the reply names none
CASELESS_HEAD = (
    "From: =?utf-8?b?6ZmI5b+X6L+c?= <chen@chen.example>\nSubject: Re: [Ticket#2025030710814009] foto\n"
    "Content-Type: text/plain; charset=utf-8\n\n"
)


@pytest.mark.parametrize(
    ("writer", "spdx", "problem"),
    [("陈志远", "CC-BY-SA-4.0", None), ("王建国", None, LicenseProblem.NONE_FOUND)],
    ids=["the-sender", "someone-else"],
)
def test_a_first_mail_headed_by_a_caseless_name_is_the_senders_own(
    vocab: ReadingVocabulary, writer: str, spdx: str | None, problem: LicenseProblem | None
) -> None:
    body = (
        "在 2025年3月4日 15:20，VRT 写道：\n> 请提供文件名。\n>\n"
        f"> 在 2025年3月3日 10:05，{writer} 写道：\n"
        f">> 我同意以 CC BY-SA 4.0 许可协议发布该作品。\n>>\n>> {writer}\n\n"
        "文件是 File:Como.jpg。授权内容与上一封邮件相同。\n\n陈志远\n"
    )
    reading = read_ticket((CASELESS_HEAD + body).encode(), vocab)
    assert (reading.license.spdx, reading.license.problem) == (spdx, problem)


# The sender's own words in forms the quote's header does not tell: a first mail signed with a name the
# sender's address spells (the reply signed in another script), a statement set out again in a quote with
# no header between the reply's own lines, and an answer that picks one of the licenses the question lists.
ADDRESS_HEAD = HEAD.replace("Sara Conti <sara@conti.example>", "கவிதா ராமன் <kavitha@kavitha-raman.example>")
NESTED_BY_ADDRESS = (
    "Yes, it was me, with the camera's timer.\n\nகவிதா ராமன்\n\n"
    + AGENT_QUOTE
    + "> Who took the photo?\n>\n"
    + ">> I publish File:Como.jpg under CC BY-SA 4.0.\n>> {signature}\n>> 2026-12-09\n"
)
RESTATED_HEAD = HEAD.replace("Sara Conti <sara@conti.example>", "陳志明 <chen@chen.example>")
RESTATED = (
    "The file is File:Como.jpg. The release is as before; here it is again:\n\n> {statement}\n\nThanks\n"
)


NAMED = "本人陳志明，同意以 CC BY 4.0 授權條款釋出此作品。"
OTHER_NAMED = "王小明同意以 CC BY 4.0 授權條款釋出此作品。"
LISTED = "> Which license: CC BY 4.0, CC BY-SA 4.0 or CC0 1.0?\n\nCC BY-SA 4.0, please.\n"
UNLISTED = "> Do you allow commercial use?\n\nNo. CC BY 4.0 otherwise.\n"
# (id, head, the reply's body, the license read, the problem read)
HEADERLESS = [
    (
        "signed-with-the-name-the-address-spells",
        ADDRESS_HEAD,
        NESTED_BY_ADDRESS.format(signature="Kavitha Raman"),
        "CC-BY-SA-4.0",
        None,
    ),
    (
        "signed-by-a-name-the-address-does-not-spell",
        ADDRESS_HEAD,
        NESTED_BY_ADDRESS.format(signature="Priya Menon"),
        None,
        LicenseProblem.NONE_FOUND,
    ),
    (
        "restated-in-a-quote-naming-the-sender",
        RESTATED_HEAD,
        RESTATED.format(statement=NAMED),
        "CC-BY-4.0",
        None,
    ),
    (
        "quote-naming-someone-else",
        RESTATED_HEAD,
        RESTATED.format(statement=OTHER_NAMED),
        None,
        LicenseProblem.NONE_FOUND,
    ),
    ("answer-picks-one-of-the-licenses-listed", HEAD, ANSWERS + LISTED, "CC-BY-SA-4.0", None),
    (
        "a-no-under-a-question-naming-no-license",
        HEAD,
        ANSWERS + UNLISTED,
        None,
        LicenseProblem.NON_COMMERCIAL,
    ),
]


@pytest.mark.parametrize(
    ("head", "body", "spdx", "problem"), [c[1:] for c in HEADERLESS], ids=[c[0] for c in HEADERLESS]
)
def test_the_senders_own_words_found_without_a_header(
    vocab: ReadingVocabulary, head: str, body: str, spdx: str | None, problem: LicenseProblem | None
) -> None:
    reading = read_ticket((head + body).encode(), vocab)
    assert (reading.license.spdx, reading.license.problem) == (spdx, problem)


NO_ANSWER_QUOTED = INSTRUCTED.replace('"I agree"', "yes")
# The queue's own request naming one license: a "yes" grants it; two licenses, or a request from anyone
# else (the uploader's), leave the answer open.
QUEUE_ASKS_ONE = (
    "On Mon, 3 Mar 2025 at 18:42, Permissions <permissions-commons@wikimedia.org> wrote:\n"
    "> Dear Ms Conti,\n>\n> File:Como.jpg\n>\n"
    "> Can you confirm that you publish it under CC BY-SA 4.0?\n>\n> Kind regards,\n> Hannah Berg\n"
)
QUEUE_ASKS_TWO = QUEUE_ASKS_ONE.replace("under CC BY-SA 4.0?", "under CC BY-SA 4.0 or CC BY 4.0?")
UPLOADER_ASKS_ONE = QUEUE_ASKS_ONE.replace(
    "Permissions <permissions-commons@wikimedia.org>", "Max <max@example.org>"
)
NONE, NC = LicenseProblem.NONE_FOUND, LicenseProblem.NON_COMMERCIAL
# A short reply opening with an assent ("Yes I agree", "ja passt so") takes on the draft the agent set out
# (between rule lines, or after an instruction quoting the answer it asks for); its own restriction counts.
# (id, the reply's body, the license read, the problem read)
ASSENTS = [
    ("assent-opens-the-reply", "Yes I agree.\n\nSara\n\n" + DRAFT, "CC-BY-SA-4.0", None),
    ("assent-to-instructed", "Hallo, ja passt so!\n\n" + INSTRUCTED, "CC-BY-SA-4.0", None),
    ("assent-with-a-restriction", "Yes I agree, not for commercial use.\n\n" + INSTRUCTED, None, NC),
    ("no-assent", "I do not agree.\n\n" + INSTRUCTED, None, NONE),
    (
        "assent-late-in-the-reply",
        "Thanks. Let me think about it, I agree it matters.\n\n" + INSTRUCTED,
        None,
        NONE,
    ),
    ("no-answer-in-quotation-marks-no-draft", "Yes I agree.\n\n" + NO_ANSWER_QUOTED, None, NONE),
    ("yes-to-the-queue-asking-one-license", "Yes, I confirm.\n\n" + QUEUE_ASKS_ONE, "CC-BY-SA-4.0", None),
    ("yes-to-the-queue-asking-two-licenses", "Yes, I confirm.\n\n" + QUEUE_ASKS_TWO, None, NONE),
    ("yes-to-someone-else-asking-one-license", "Yes, I confirm.\n\n" + UPLOADER_ASKS_ONE, None, NONE),
]


@pytest.mark.parametrize(
    ("body", "spdx", "problem"), [row[1:] for row in ASSENTS], ids=[row[0] for row in ASSENTS]
)
def test_a_reply_opening_with_an_assent_takes_on_the_draft(
    vocab: ReadingVocabulary, body: str, spdx: str | None, problem: LicenseProblem | None
) -> None:
    reading = read_ticket((HEAD + body).encode(), vocab)
    assert (reading.license.spdx, reading.license.problem) == (spdx, problem)
