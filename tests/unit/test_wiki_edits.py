"""Tables of wikitext cases for bot.wiki.edits: every edit is a pure function, so each rule is one row."""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.wiki.edits import (
    EditAction,
    MonthStyle,
    Notice,
    PageSurvey,
    ReceivedReason,
    TemplateNames,
    TemplateRole,
    Unchanged,
    bots_allow,
    confirm_ticket,
    has_role,
    mark_no_permission,
    mark_received,
    normalise_template_name,
    pending_since,
    remove_ticket,
    survey,
    tickets_on_page,
)
from verification.errors import ConfigError

CONFIG = Path(__file__).resolve().parents[2] / "config" / "wiki.toml"
T = "2024051410012355"  # the ticket being acted on
OTHER = "2023010110000001"  # another ticket on the same pages
PENDING = "{{Permission pending|year=2024|month=5|day=1}}"
TAG = "{{PermissionTicket|id=" + T + "}}"
ON = datetime.date(2024, 6, 3)

A = EditAction


def load_config() -> dict[str, Any]:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def names() -> TemplateNames:
    return TemplateNames.from_mapping(load_config()["templates"])


# ---------------------------------------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Permission pending", "Permission pending", id="plain"),
        pytest.param("permission pending", "Permission pending", id="lower-first-letter"),
        pytest.param("Permission_pending", "Permission pending", id="underscore"),
        pytest.param("  Permission  __ pending\n", "Permission pending", id="runs-of-blanks"),
        pytest.param("Template:Permission pending", "Permission pending", id="template-prefix"),
        pytest.param("template:permission_pending", "Permission pending", id="lower-prefix"),
        pytest.param("TEMPLATE : OTRS pending", "OTRS pending", id="upper-prefix-spaced"),
        pytest.param("Template_:_OTRS", "OTRS", id="prefix-underscores"),
        pytest.param(":Template:OTRS", "OTRS", id="colon-then-prefix"),
        pytest.param(":Main page", ":Main page", id="main-namespace-kept"),
        pytest.param("Category:Foo", "Category:Foo", id="other-namespace-kept"),
        pytest.param("Vorlage:OTRS", "Vorlage:OTRS", id="localised-prefix-not-configured"),
        pytest.param("oTRS", "OTRS", id="only-first-letter-upper"),
        pytest.param("otrs", "Otrs", id="rest-case-sensitive"),
        pytest.param("éclair", "Éclair", id="unicode-first-letter"),
    ],
)
def test_normalise_template_name(raw: str, expected: str) -> None:
    assert normalise_template_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "prefixes", "expected"),
    [
        pytest.param("Vorlage:OTRS", ("Template", "Vorlage"), "OTRS", id="de"),
        pytest.param("modèle:Information", ("Modèle",), "Information", id="fr-lower"),
        pytest.param("Шаблон:Information", ("Шаблон",), "Information", id="ru"),
        pytest.param("Template:OTRS", ("Vorlage",), "Template:OTRS", id="canonical-not-in-given"),
    ],
)
def test_normalise_template_name_localised(raw: str, prefixes: tuple[str, ...], expected: str) -> None:
    assert normalise_template_name(raw, prefixes) == expected


@pytest.mark.parametrize(
    ("spelling", "role"),
    [
        pytest.param("PermissionTicket", TemplateRole.TICKET, id="ticket-canonical"),
        pytest.param("permissionTicket", TemplateRole.TICKET, id="ticket-lower"),
        pytest.param("PermissionOTRS", TemplateRole.TICKET, id="PermissionOTRS"),
        pytest.param("Permission OTRS", TemplateRole.TICKET, id="Permission-OTRS"),
        pytest.param("Permission_OTRS", TemplateRole.TICKET, id="Permission_OTRS"),
        pytest.param("OTRS", TemplateRole.TICKET, id="OTRS"),
        pytest.param("OTRS permission", TemplateRole.TICKET, id="OTRS-permission"),
        pytest.param("oTRS_permission", TemplateRole.TICKET, id="oTRS_permission"),
        pytest.param("PermissionVRTS", TemplateRole.TICKET, id="PermissionVRTS"),
        pytest.param("Template:PermissionVRTS", TemplateRole.TICKET, id="PermissionVRTS-prefixed"),
        pytest.param("Vorlage:OTRS", TemplateRole.TICKET, id="OTRS-de-prefix"),
        pytest.param("Permission pending", TemplateRole.PENDING, id="pending-canonical"),
        pytest.param("permission_pending", TemplateRole.PENDING, id="pending-underscore"),
        pytest.param("OTRS pending", TemplateRole.PENDING, id="OTRS-pending"),
        pytest.param("oTRS_pending", TemplateRole.PENDING, id="oTRS_pending"),
        pytest.param("Permission received", TemplateRole.RECEIVED, id="received-canonical"),
        pytest.param("OTRS received", TemplateRole.RECEIVED, id="OTRS-received"),
        pytest.param("No VRTS permission since", TemplateRole.NO_PERMISSION, id="nopd"),
        pytest.param("No OTRS permission since", TemplateRole.NO_PERMISSION, id="nopd-OTRS"),
        pytest.param("information", TemplateRole.INFORMATION, id="information"),
        pytest.param(" Permission pending <!-- x --> ", TemplateRole.PENDING, id="comment-in-name"),
        pytest.param("Permission Pending", None, id="case-after-first-letter"),
        pytest.param("Permission", None, id="prefix-of-a-name"),
        pytest.param("Cc-by-sa-4.0", None, id="license"),
    ],
)
def test_role_of(names: TemplateNames, spelling: str, role: TemplateRole | None) -> None:
    assert names.role_of(spelling) is role


def test_every_configured_name_has_its_role(names: TemplateNames) -> None:
    for role in TemplateRole:
        for name in names.names(role):
            assert names.role_of(name) is role
            assert names.role_of(name[0].lower() + name[1:].replace(" ", "_")) is role


def test_canonical_is_the_first_config_name(names: TemplateNames) -> None:
    assert names.canonical(TemplateRole.TICKET) == "PermissionTicket"
    assert names.canonical(TemplateRole.PENDING) == "Permission pending"
    assert names.canonical(TemplateRole.RECEIVED) == "Permission received"
    assert names.canonical(TemplateRole.NO_PERMISSION) == "No VRTS permission since"


def test_with_aliases_adds_wiki_redirects(names: TemplateNames) -> None:
    wider = names.with_aliases(TemplateRole.PENDING, ["Template:Pending_permission", "OTRS pending"])
    assert wider.role_of("pending permission") is TemplateRole.PENDING
    assert names.role_of("pending permission") is None  # the original is unchanged (frozen)
    assert wider.canonical(TemplateRole.PENDING) == "Permission pending"
    assert wider.pending.count("OTRS pending") == 1
    edit = confirm_ticket("{{pending_permission}}\n", T, wider)
    assert edit.text == TAG + "\n"


def test_direct_construction_normalises_names() -> None:
    built = TemplateNames(
        ticket=("permission_ticket", "Template:OTRS"),
        pending=("permission pending",),
        received=("Permission received",),
        no_permission=("No VRTS permission since",),
        information=("information", "Information"),
    )
    assert built.ticket == ("Permission ticket", "OTRS")
    assert built.information == ("Information",)
    assert built.role_of("otrs") is None  # "Otrs" is another page: only the first letter is free
    assert built.role_of("oTRS") is TemplateRole.TICKET


def test_direct_construction_needs_a_canonical_name() -> None:
    with pytest.raises(ValueError, match="pending"):
        TemplateNames(
            ticket=("PermissionTicket",),
            pending=(),
            received=("R",),
            no_permission=("N",),
            information=("I",),
        )


def test_with_aliases_refuses_a_name_of_another_role(names: TemplateNames) -> None:
    with pytest.raises(ValueError, match="OTRS"):
        names.with_aliases(TemplateRole.PENDING, ["OTRS"])


def test_from_mapping_accepts_the_whole_file() -> None:
    whole = TemplateNames.from_mapping(load_config())
    assert whole == TemplateNames.from_mapping(load_config()["templates"])
    assert whole.received_month is MonthStyle.NUMBER
    assert whole.no_permission_month is MonthStyle.NAME


def _config_with(**changes: Any) -> dict[str, Any]:
    data = dict(load_config()["templates"])
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        pytest.param({"ticket": None}, "ticket", id="missing-role"),
        pytest.param({"pending": "Permission pending"}, "pending", id="string-not-list"),
        pytest.param({"received": []}, "received", id="empty-role"),
        pytest.param({"received": [1]}, "received", id="not-strings"),
        pytest.param({"pending": ["OTRS"]}, "pending", id="name-in-two-roles"),
        pytest.param({"ticket": ["Permission|Ticket"]}, "ticket", id="pipe-in-name"),
        pytest.param({"information": ["  "]}, "information", id="blank-name"),
        pytest.param({"month_names": ["January"]}, "month_names", id="too-few-months"),
        pytest.param({"month_style": {"received": "roman"}}, "month_style.received", id="bad-month-style"),
        pytest.param({"month_style": "name"}, "month_style", id="month-style-not-table"),
        pytest.param({"permission_fields": None}, "permission_fields", id="missing-fields"),
        pytest.param({"licensing_headings": "Licensing"}, "licensing_headings", id="headings-not-list"),
    ],
)
def test_from_mapping_names_the_bad_key(changes: dict[str, Any], key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        TemplateNames.from_mapping(_config_with(**changes))


# ---------------------------------------------------------------------------------------------------------
# confirm_ticket

INFO_PENDING = """=={{int:filedesc}}==
{{Information
|description={{en|1=A harbour at dusk}}
|date=2024-04-30
|source={{own}}
|author=[[User:Example|Example]]
|permission=%s
|other versions=
}}

=={{int:license-header}}==
{{cc-by-sa-4.0}}

[[Category:Harbours]]
"""


@pytest.mark.parametrize(
    ("text", "user", "expected", "actions"),
    [
        pytest.param(
            PENDING + "\n== Summary ==\nA photo.\n",
            None,
            TAG + "\n== Summary ==\nA photo.\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="pending-at-top-replaced-in-place",
        ),
        pytest.param(
            INFO_PENDING % PENDING,
            None,
            INFO_PENDING % TAG,
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="pending-in-information-field",
        ),
        pytest.param(
            INFO_PENDING % PENDING,
            "Agent Smith",
            INFO_PENDING % ("{{PermissionTicket|id=" + T + "|user=Agent Smith}}"),
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="with-user",
        ),
        pytest.param(
            PENDING + "\n" + INFO_PENDING % "",
            None,
            INFO_PENDING % TAG,
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="pending-at-top-ticket-into-empty-field",
        ),
        pytest.param(
            "{{Information\n|description=x\n| permission = \n|source=y\n}}\n",
            None,
            "{{Information\n|description=x\n| permission = " + TAG + "\n|source=y\n}}\n",
            (A.ADDED_TICKET,),
            id="empty-field-spaced",
        ),
        pytest.param(
            "{{Information|description=x|permission=|source=y}}\n",
            None,
            "{{Information|description=x|permission=" + TAG + "|source=y}}\n",
            (A.ADDED_TICKET,),
            id="empty-field-inline",
        ),
        pytest.param(
            "{{Information|description=x|permission=}}",
            None,
            "{{Information|description=x|permission=" + TAG + "}}",
            (A.ADDED_TICKET,),
            id="empty-last-field-inline",
        ),
        pytest.param(
            "{{Information\n|Permission=See below <!-- keep -->\n|source=y\n}}\n",
            None,
            "{{Information\n|Permission=See below <!-- keep --> " + TAG + "\n|source=y\n}}\n",
            (A.ADDED_TICKET,),
            id="field-with-content-capitalised-name",
        ),
        pytest.param(
            "{{ template:information \n|permission=\n}}\n",
            None,
            "{{ template:information \n|permission=" + TAG + "\n}}\n",
            (A.ADDED_TICKET,),
            id="information-alias-spelling",
        ),
        pytest.param(
            "{{Artwork\n|permission=\n}}\n",
            None,
            "{{Artwork\n|permission=" + TAG + "\n}}\n",
            (A.ADDED_TICKET,),
            id="artwork-field",
        ),
        pytest.param(
            "{{Information\n|description=x\n}}\n== Licensing ==\n{{cc0}}\n",
            None,
            "{{Information\n|description=x\n}}\n== Licensing ==\n" + TAG + "\n{{cc0}}\n",
            (A.ADDED_TICKET,),
            id="information-without-field-goes-to-licensing",
        ),
        pytest.param(
            "Intro\n\n=={{int:license-header}}==\n{{cc-by-4.0}}\n",
            None,
            "Intro\n\n=={{int:license-header}}==\n" + TAG + "\n{{cc-by-4.0}}\n",
            (A.ADDED_TICKET,),
            id="licensing-int-license-header",
        ),
        pytest.param(
            "Intro\n== {{ int:license }} ==\n{{cc0}}\n",
            None,
            "Intro\n== {{ int:license }} ==\n" + TAG + "\n{{cc0}}\n",
            (A.ADDED_TICKET,),
            id="licensing-int-license-spaced",
        ),
        pytest.param(
            "== Lizenz ==\n{{cc0}}",
            None,
            "== Lizenz ==\n" + TAG + "\n{{cc0}}",
            (A.ADDED_TICKET,),
            id="licensing-de",
        ),
        pytest.param(
            "=== licencia: ===\n{{cc0}}\n",
            None,
            "=== licencia: ===\n" + TAG + "\n{{cc0}}\n",
            (A.ADDED_TICKET,),
            id="licensing-es-level3-colon",
        ),
        pytest.param(
            "== Лицензия <!-- c --> ==\n{{cc0}}\n",
            None,
            "== Лицензия <!-- c --> ==\n" + TAG + "\n{{cc0}}\n",
            (A.ADDED_TICKET,),
            id="licensing-ru-with-comment",
        ),
        pytest.param(
            "== Licensing ==",
            None,
            "== Licensing ==\n" + TAG,
            (A.ADDED_TICKET,),
            id="licensing-heading-at-end",
        ),
        pytest.param(
            "== Summary ==\nLicensing is hard.\n== Other ==\n",
            None,
            TAG + "\n== Summary ==\nLicensing is hard.\n== Other ==\n",
            (A.ADDED_TICKET,),
            id="no-licensing-heading-top",
        ),
        pytest.param("", None, TAG + "\n", (A.ADDED_TICKET,), id="empty-page"),
        pytest.param(
            "<nowiki>" + PENDING + "</nowiki>\n",
            None,
            TAG + "\n<nowiki>" + PENDING + "</nowiki>\n",
            (A.ADDED_TICKET,),
            id="pending-in-nowiki-untouched",
        ),
        pytest.param(
            "<!-- " + PENDING + " -->\n",
            None,
            TAG + "\n<!-- " + PENDING + " -->\n",
            (A.ADDED_TICKET,),
            id="pending-in-comment-untouched",
        ),
        pytest.param(
            "<pre>" + PENDING + "</pre>\n",
            None,
            TAG + "\n<pre>" + PENDING + "</pre>\n",
            (A.ADDED_TICKET,),
            id="pending-in-pre-untouched",
        ),
        pytest.param(
            "{{ Permission_pending <!-- x --> |year=2024|month=5|day=1}}\ntext\n",
            None,
            TAG + "\ntext\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="odd-spacing-comment-in-name",
        ),
        pytest.param(
            "{{template:OTRS_pending}}\ntext\n",
            None,
            TAG + "\ntext\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="pending-alias-prefixed",
        ),
        pytest.param(
            "Some text {{oTRS pending}} more text\n",
            None,
            "Some text " + TAG + " more text\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="pending-inline-replaced-in-place",
        ),
        pytest.param(
            "a\n\n" + PENDING + "\n\nb\n{{OTRS pending}}\n\nc\n",
            None,
            "a\n\n" + TAG + "\n\nb\n\nc\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="second-pending-line-removed-neighbours-kept",
        ),
        pytest.param(
            "{{Permission received|id=" + T + "|reason=processing}}\n== Licensing ==\n{{cc0}}\n",
            None,
            TAG + "\n== Licensing ==\n{{cc0}}\n",
            (A.ADDED_TICKET, A.REMOVED_RECEIVED),
            id="received-this-ticket-replaced",
        ),
        pytest.param(
            "{{OTRS received|" + T + "}}\n",
            None,
            TAG + "\n",
            (A.ADDED_TICKET, A.REMOVED_RECEIVED),
            id="received-positional-id",
        ),
        pytest.param(
            "{{Permission received|reason=processing}}\n",
            None,
            TAG + "\n",
            (A.ADDED_TICKET, A.REMOVED_RECEIVED),
            id="received-without-id-removed",
        ),
        pytest.param(
            "{{Permission received|id=" + OTHER + "}}\n== Licensing ==\n{{cc0}}\n",
            None,
            "{{Permission received|id=" + OTHER + "}}\n== Licensing ==\n" + TAG + "\n{{cc0}}\n",
            (A.ADDED_TICKET,),
            id="received-other-ticket-stays",
        ),
        pytest.param(
            PENDING + "\n{{Permission received|id=" + T + "}}\n{{Permission received|id=" + OTHER + "}}\n",
            None,
            TAG + "\n{{Permission received|id=" + OTHER + "}}\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING, A.REMOVED_RECEIVED),
            id="pending-and-received-both-go",
        ),
        pytest.param(
            "{{PermissionTicket|id=" + OTHER + "}}\n" + PENDING + "\n",
            None,
            "{{PermissionTicket|id=" + OTHER + "}}\n" + TAG + "\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="other-ticket-kept-second-added",
        ),
        pytest.param(
            "{{Information\n|permission={{PermissionTicket|id=" + OTHER + "}}\n}}\n",
            None,
            "{{Information\n|permission={{PermissionTicket|id=" + OTHER + "}} " + TAG + "\n}}\n",
            (A.ADDED_TICKET,),
            id="field-holding-other-ticket",
        ),
        pytest.param(
            "{{Information\n|permission=Mail sent, {{OTRS pending}} see talk\n}}\n",
            None,
            "{{Information\n|permission=Mail sent, " + TAG + " see talk\n}}\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="pending-amid-field-text-replaced-in-place",
        ),
        pytest.param(
            "{{Information\n|permission=\n" + PENDING + "\n|source=x\n}}\n",
            None,
            "{{Information\n|permission=\n" + TAG + "\n|source=x\n}}\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="pending-on-own-line-in-field",
        ),
        pytest.param(
            "{{No VRTS permission since|day=3|month=June|year=2024}}\n{{cc0}}\n",
            None,
            TAG + "\n{{cc0}}\n",
            (A.ADDED_TICKET, A.REMOVED_NO_PERMISSION),
            id="swept-file-nopd-replaced",
        ),
        pytest.param(
            "{{Information\n|permission=\n}}\n{{No OTRS permission since|day=3|month=June|year=2024}}\n",
            None,
            "{{Information\n|permission=" + TAG + "\n}}\n",
            (A.ADDED_TICKET, A.REMOVED_NO_PERMISSION),
            id="nopd-removed-ticket-in-field",
        ),
        pytest.param(
            "=={{int:license-header}}==  \n{{cc0}}\n",
            None,
            "=={{int:license-header}}==  \n" + TAG + "\n{{cc0}}\n",
            (A.ADDED_TICKET,),
            id="licensing-heading-trailing-blanks-stay-on-its-line",
        ),
        pytest.param(
            "== Licensing ==  ",
            None,
            "== Licensing ==  \n" + TAG,
            (A.ADDED_TICKET,),
            id="licensing-heading-at-end-with-blanks",
        ),
        pytest.param(
            "== Licensing ==\n\n{{cc0}}\n",
            None,
            "== Licensing ==\n" + TAG + "\n\n{{cc0}}\n",
            (A.ADDED_TICKET,),
            id="licensing-heading-blank-line-after",
        ),
        pytest.param(
            "<div>\n" + PENDING + "\n</div>\n",
            None,
            "<div>\n" + TAG + "\n</div>\n",
            (A.ADDED_TICKET, A.REMOVED_PENDING),
            id="pending-inside-html-tag",
        ),
    ],
)
def test_confirm_ticket(
    names: TemplateNames, text: str, user: str | None, expected: str, actions: tuple[EditAction, ...]
) -> None:
    edit = confirm_ticket(text, T, names, user=user)
    assert edit.text == expected
    assert edit.actions == actions
    assert edit.changed


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("{{PermissionTicket|id=" + T + "}}", id="canonical"),
        pytest.param("{{PermissionOTRS|id=" + T + "}}", id="PermissionOTRS"),
        pytest.param("{{Permission OTRS|id=" + T + "}}", id="Permission-OTRS"),
        pytest.param("{{OTRS|" + T + "}}", id="OTRS-positional"),
        pytest.param("{{OTRS permission|1=" + T + "}}", id="OTRS-permission-1="),
        pytest.param("{{PermissionVRTS| id = " + T + " <!-- x --> }}", id="PermissionVRTS-spaced-comment"),
        pytest.param("{{permission_ticket|id=" + T + "|user=X}}", id="lower-underscore-with-user"),
        pytest.param("{{Template:OTRS|" + T + "}}\n" + PENDING, id="tagged-and-still-pending"),
        pytest.param(INFO_PENDING % ("{{PermissionTicket|id=" + T + "}}"), id="in-information"),
    ],
)
def test_confirm_ticket_already_tagged_is_a_no_op(names: TemplateNames, text: str) -> None:
    edit = confirm_ticket(text, T, names, user="Agent")
    assert edit == type(edit)(text, (), Unchanged.ALREADY_CONFIRMED)
    assert not edit.changed


def test_confirm_ticket_in_nowiki_does_not_count_as_tagged(names: TemplateNames) -> None:
    text = "<nowiki>{{PermissionTicket|id=" + T + "}}</nowiki>"
    assert confirm_ticket(text, T, names).changed


def test_every_configured_alias_is_edited(names: TemplateNames) -> None:
    """Not a table because the rows are the config itself: a name added there is covered at once."""
    for alias in names.pending:
        assert confirm_ticket("{{" + alias + "|year=2024|month=5|day=1}}\nx", T, names).text == TAG + "\nx"
        assert pending_since("{{" + alias + "|year=2024|month=5|day=1}}", names) == datetime.date(2024, 5, 1)
    for alias in names.received:
        assert confirm_ticket("{{" + alias + "|id=" + T + "}}\nx", T, names).text == TAG + "\nx"
        assert remove_ticket("{{" + alias + "|" + T + "}}\nx", T, names).text == "x"
    for alias in names.ticket:
        tagged = "{{" + alias + "|id=" + T + "}}\nx"
        assert not confirm_ticket(tagged, T, names).changed
        assert remove_ticket(tagged, T, names).text == "x"
        assert tickets_on_page("{{" + alias + "|" + OTHER + "}}", names) == (OTHER,)
    for alias in names.no_permission:
        assert (
            mark_no_permission(PENDING + "{{" + alias + "}}", names, ON).unchanged
            is Unchanged.ALREADY_NO_PERMISSION
        )
    for alias in names.information:
        page = "{{" + alias + "\n|permission=\n}}\n"
        assert confirm_ticket(page, T, names).text == "{{" + alias + "\n|permission=" + TAG + "\n}}\n"


# ---------------------------------------------------------------------------------------------------------
# mark_received

RECEIVED = "{{Permission received|id=" + T + "|reason=%s|year=2024|month=6|day=3}}"


@pytest.mark.parametrize(
    ("text", "reason", "user", "expected"),
    [
        pytest.param(
            PENDING + "\n== Licensing ==\n{{cc0}}\n",
            ReceivedReason.PROCESSING,
            None,
            RECEIVED % "processing" + "\n== Licensing ==\n{{cc0}}\n",
            id="pending-at-top",
        ),
        pytest.param(
            INFO_PENDING % PENDING,
            ReceivedReason.LICENSE,
            None,
            INFO_PENDING % (RECEIVED % "license"),
            id="pending-in-information",
        ),
        pytest.param(
            "{{otrs_pending}}\n",
            ReceivedReason.EMAIL,
            "Agent",
            "{{Permission received|id=" + T + "|reason=email|user=Agent|year=2024|month=6|day=3}}\n",
            id="alias-with-user",
        ),
        pytest.param(
            "x\n" + PENDING + "\ny\n{{OTRS pending}}\n",
            ReceivedReason.PROCESSING,
            None,
            "x\n" + RECEIVED % "processing" + "\ny\n",
            id="second-pending-removed",
        ),
        pytest.param(
            "{{Permission received|id=" + OTHER + "}}\n" + PENDING + "\n",
            ReceivedReason.PROCESSING,
            None,
            "{{Permission received|id=" + OTHER + "}}\n" + RECEIVED % "processing" + "\n",
            id="other-ticket-received-kept",
        ),
    ],
)
def test_mark_received(
    names: TemplateNames, text: str, reason: ReceivedReason, user: str | None, expected: str
) -> None:
    edit = mark_received(text, T, names, reason, ON, user=user)
    assert edit.text == expected
    assert edit.actions == (A.ADDED_RECEIVED, A.REMOVED_PENDING)


@pytest.mark.parametrize(
    ("text", "expected", "actions"),
    [
        pytest.param(
            "{{No VRTS permission since|day=1|month=June|year=2024}}\n{{cc0}}\n",
            RECEIVED % "processing" + "\n{{cc0}}\n",
            (A.ADDED_RECEIVED, A.REMOVED_NO_PERMISSION),
            id="swept-file-countdown-stopped",
        ),
        pytest.param(
            "{{cc0}}\n{{No OTRS permission since|day=1|month=June|year=2024}}\n" + PENDING + "\n",
            "{{cc0}}\n" + RECEIVED % "processing" + "\n",
            (A.ADDED_RECEIVED, A.REMOVED_PENDING, A.REMOVED_NO_PERMISSION),
            id="pending-place-preferred-over-nopd",
        ),
    ],
)
def test_mark_received_on_swept_files(
    names: TemplateNames, text: str, expected: str, actions: tuple[EditAction, ...]
) -> None:
    edit = mark_received(text, T, names, ReceivedReason.PROCESSING, ON)
    assert (edit.text, edit.actions) == (expected, actions)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        pytest.param("== Licensing ==\n{{cc0}}\n", Unchanged.NOT_PENDING, id="no-pending"),
        pytest.param("<nowiki>" + PENDING + "</nowiki>", Unchanged.NOT_PENDING, id="pending-in-nowiki"),
        pytest.param("<!--" + PENDING + "-->", Unchanged.NOT_PENDING, id="pending-in-comment"),
        pytest.param(
            "{{OTRS received|" + T + "}}\n" + PENDING, Unchanged.ALREADY_RECEIVED, id="already-received"
        ),
        pytest.param("{{OTRS|" + T + "}}\n" + PENDING, Unchanged.ALREADY_CONFIRMED, id="already-confirmed"),
    ],
)
def test_mark_received_no_change(names: TemplateNames, text: str, why: Unchanged) -> None:
    edit = mark_received(text, T, names, ReceivedReason.PROCESSING, ON)
    assert (edit.text, edit.actions, edit.unchanged) == (text, (), why)


# ---------------------------------------------------------------------------------------------------------
# remove_ticket


@pytest.mark.parametrize(
    ("text", "expected", "actions"),
    [
        pytest.param(
            "{{PermissionTicket|id=" + OTHER + "}}\n" + TAG + "\n== Licensing ==\n",
            "{{PermissionTicket|id=" + OTHER + "}}\n== Licensing ==\n",
            (A.REMOVED_TICKET,),
            id="other-ticket-stays",
        ),
        pytest.param(
            "{{OTRS|" + T + "}}\n{{OTRS|" + OTHER + "}}\n",
            "{{OTRS|" + OTHER + "}}\n",
            (A.REMOVED_TICKET,),
            id="positional-alias",
        ),
        pytest.param(
            "{{Permission received|id=" + T + "}}\n{{Permission received|id=" + OTHER + "}}\n",
            "{{Permission received|id=" + OTHER + "}}\n",
            (A.REMOVED_RECEIVED,),
            id="received-other-stays",
        ),
        pytest.param(
            TAG + "\n{{OTRS received|" + T + "|reason=email}}\ntext\n",
            "text\n",
            (A.REMOVED_TICKET, A.REMOVED_RECEIVED),
            id="ticket-and-received",
        ),
        pytest.param(
            "{{Information\n|permission=" + TAG + "\n|source=x\n}}\n",
            "{{Information\n|permission=\n|source=x\n}}\n",
            (A.REMOVED_TICKET,),
            id="from-information-field",
        ),
        pytest.param(
            "See {{PermissionOTRS|id=" + T + "}} here.\n",
            "See  here.\n",
            (A.REMOVED_TICKET,),
            id="inline-only-node-removed",
        ),
        pytest.param("a\n\n" + TAG, "a\n", (A.REMOVED_TICKET,), id="last-line-takes-previous-newline"),
        pytest.param("a\n" + TAG + "   \n\nb", "a\n\nb", (A.REMOVED_TICKET,), id="trailing-blanks-go-too"),
        pytest.param("  " + TAG + "\nb", "b", (A.REMOVED_TICKET,), id="indent-goes-too"),
        pytest.param(TAG, "", (A.REMOVED_TICKET,), id="only-content"),
        pytest.param(
            TAG + "\n{{OTRS permission|" + T + "}}\n",
            "",
            (A.REMOVED_TICKET,),
            id="duplicates-all-removed",
        ),
        pytest.param(
            "{{cc0}}" + TAG + "\n",
            "{{cc0}}\n",
            (A.REMOVED_TICKET,),
            id="beside-another-template",
        ),
        pytest.param(
            "<nowiki>" + TAG + "</nowiki>\n" + TAG + "\n",
            "<nowiki>" + TAG + "</nowiki>\n",
            (A.REMOVED_TICKET,),
            id="nowiki-copy-kept",
        ),
    ],
)
def test_remove_ticket(
    names: TemplateNames, text: str, expected: str, actions: tuple[EditAction, ...]
) -> None:
    edit = remove_ticket(text, T, names)
    assert (edit.text, edit.actions) == (expected, actions)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("{{PermissionTicket|id=" + OTHER + "}}\n", id="other-ticket-only"),
        pytest.param("<nowiki>" + TAG + "</nowiki>", id="only-in-nowiki"),
        pytest.param(PENDING, id="pending-only"),
        pytest.param("{{PermissionTicket|id=" + T[:-1] + "}}", id="prefix-of-id"),
    ],
)
def test_remove_ticket_not_on_page(names: TemplateNames, text: str) -> None:
    edit = remove_ticket(text, T, names)
    assert (edit.text, edit.actions, edit.unchanged) == (text, (), Unchanged.TICKET_NOT_ON_PAGE)


@pytest.mark.parametrize(
    ("text", "notices"),
    [
        pytest.param(
            "{{Information\n|permission=" + TAG + "\n}}\n", (Notice.PERMISSION_FIELD_EMPTY,), id="emptied"
        ),
        pytest.param(
            "{{Information\n|permission=" + TAG + "<!-- note -->\n}}\n",
            (Notice.PERMISSION_FIELD_EMPTY,),
            id="only-a-comment-left",
        ),
        pytest.param(
            "{{Information\n|permission=" + TAG + " {{PermissionTicket|id=" + OTHER + "}}\n}}\n",
            (),
            id="other-ticket-left",
        ),
        pytest.param("{{Information\n|permission=" + TAG + " see talk page\n}}\n", (), id="text-left"),
        pytest.param("{{Information\n|permission=\n}}\n" + TAG + "\n", (), id="field-was-empty-before"),
        pytest.param(TAG + "\n", (), id="no-information-template"),
    ],
)
def test_remove_ticket_notes_an_emptied_permission_field(
    names: TemplateNames, text: str, notices: tuple[Notice, ...]
) -> None:
    edit = remove_ticket(text, T, names)
    assert edit.changed
    assert edit.notices == notices


# ---------------------------------------------------------------------------------------------------------
# mark_no_permission

NOPD = "{{No VRTS permission since|day=3|month=June|year=2024}}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(PENDING + "\n{{cc0}}\n", NOPD + "\n{{cc0}}\n", id="top"),
        pytest.param(INFO_PENDING % PENDING, INFO_PENDING % NOPD, id="in-information"),
        pytest.param("{{otrs pending}}\nx\n{{Permission pending}}\n", NOPD + "\nx\n", id="two-pending"),
    ],
)
def test_mark_no_permission(names: TemplateNames, text: str, expected: str) -> None:
    edit = mark_no_permission(text, names, ON)
    assert (edit.text, edit.actions) == (expected, (A.ADDED_NO_PERMISSION, A.REMOVED_PENDING))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        pytest.param("{{cc0}}", Unchanged.NOT_PENDING, id="no-pending"),
        pytest.param(PENDING + "{{OTRS|" + OTHER + "}}", Unchanged.HAS_PERMISSION_TAG, id="has-ticket"),
        pytest.param(
            PENDING + "{{OTRS received|" + OTHER + "}}", Unchanged.HAS_PERMISSION_TAG, id="has-received"
        ),
        pytest.param(
            PENDING + "{{No OTRS permission since|day=1|month=May|year=2024}}",
            Unchanged.ALREADY_NO_PERMISSION,
            id="already-nopd",
        ),
        pytest.param("<pre>" + PENDING + "</pre>", Unchanged.NOT_PENDING, id="pending-in-pre"),
    ],
)
def test_mark_no_permission_no_change(names: TemplateNames, text: str, why: Unchanged) -> None:
    edit = mark_no_permission(text, names, ON)
    assert (edit.text, edit.actions, edit.unchanged) == (text, (), why)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        pytest.param(
            "{{Permission pending|year=2024|month=5|day=2}}", Unchanged.NOT_OVERDUE, id="on-cut-off"
        ),
        pytest.param("{{Permission pending|year=2024|month=6|day=1}}", Unchanged.NOT_OVERDUE, id="after"),
        pytest.param("{{Permission pending}}", Unchanged.UNDATED, id="no-date"),
        pytest.param("{{Permission pending|year=2024|month=2|day=30}}", Unchanged.UNDATED, id="bad-date"),
        pytest.param(PENDING + "{{OTRS|" + OTHER + "}}", Unchanged.HAS_PERMISSION_TAG, id="ticket-first"),
    ],
)
def test_mark_no_permission_with_cut_off_refuses(names: TemplateNames, text: str, why: Unchanged) -> None:
    edit = mark_no_permission(text, names, ON, pending_before=datetime.date(2024, 5, 2))
    assert (edit.text, edit.actions, edit.unchanged) == (text, (), why)


def test_mark_no_permission_with_cut_off_tags_older(names: TemplateNames) -> None:
    edit = mark_no_permission(PENDING + "\n", names, ON, pending_before=datetime.date(2024, 5, 2))
    assert edit.text == NOPD + "\n"


def test_month_style_number_for_no_permission(names: TemplateNames) -> None:
    numeric = TemplateNames(
        ticket=names.ticket,
        pending=names.pending,
        received=names.received,
        no_permission=names.no_permission,
        information=names.information,
        no_permission_month=MonthStyle.NUMBER,
    )
    assert (
        mark_no_permission(PENDING, numeric, ON).text
        == "{{No VRTS permission since|day=3|month=6|year=2024}}"
    )


# ---------------------------------------------------------------------------------------------------------
# Reads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(PENDING, datetime.date(2024, 5, 1), id="numbers"),
        pytest.param(
            "{{Permission pending|year=2024|month=05|day=01}}", datetime.date(2024, 5, 1), id="padded"
        ),
        pytest.param(
            "{{OTRS pending|day=9|month=May|year=2023}}", datetime.date(2023, 5, 9), id="month-name"
        ),
        pytest.param("{{OTRS pending|day=9|month=sep.|year=2023}}", datetime.date(2023, 9, 9), id="abbrev"),
        pytest.param(
            "{{Permission pending| year = 2024 <!-- y --> |month= 2\n|day=29}}",
            datetime.date(2024, 2, 29),
            id="spaces-comments-leap-day",
        ),
        pytest.param(
            PENDING + "\n{{Permission pending|year=2024|month=7|day=2}}",
            datetime.date(2024, 7, 2),
            id="several-latest-wins",
        ),
        pytest.param(
            "{{Permission pending|year=2024|month=13|day=1}}\n" + PENDING,
            datetime.date(2024, 5, 1),
            id="invalid-one-ignored",
        ),
        pytest.param("{{Permission pending}}", None, id="no-params"),
        pytest.param("{{Permission pending|year=2024|month=5}}", None, id="no-day"),
        pytest.param("{{Permission pending|year=2023|month=2|day=29}}", None, id="no-such-day"),
        pytest.param("{{Permission pending|year=2024|month=13|day=1}}", None, id="month-13"),
        pytest.param("{{Permission pending|year=2024|month=Mai|day=1}}", None, id="foreign-month"),
        pytest.param("{{Permission pending|year=24|month=5|day=1}}", None, id="two-digit-year"),
        pytest.param("{{Permission pending|year=2024|month=5|day=x}}", None, id="day-not-number"),
        pytest.param("{{Permission pending|year={{CURRENTYEAR}}|month=5|day=1}}", None, id="unsubsted"),
        pytest.param("{{Permission pending|2024|5|1}}", None, id="positional-not-dates"),
        pytest.param("<nowiki>" + PENDING + "</nowiki>", None, id="nowiki"),
        pytest.param("{{cc0}}", None, id="no-pending"),
    ],
)
def test_pending_since(names: TemplateNames, text: str, expected: datetime.date | None) -> None:
    assert pending_since(text, names) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("{{cc0}}", (), id="none"),
        pytest.param(TAG, (T,), id="one"),
        pytest.param(
            "{{OTRS|" + OTHER + "}}{{PermissionOTRS|id=" + T + "}}{{OTRS received|id=" + OTHER + "}}",
            (OTHER, T),
            id="several-deduplicated-in-order",
        ),
        pytest.param("{{Permission received| 1 = " + T + " }}", (T,), id="received-positional-named-1"),
        pytest.param("{{PermissionTicket|id=}}{{OTRS}}", (), id="empty-ids-skipped"),
        pytest.param("<nowiki>" + TAG + "</nowiki><!--{{OTRS|" + OTHER + "}}-->", (), id="nowiki-comment"),
        pytest.param("{{Information|permission=" + TAG + "}}", (T,), id="nested-in-information"),
        pytest.param(PENDING, (), id="pending-has-no-ticket"),
    ],
)
def test_tickets_on_page(names: TemplateNames, text: str, expected: tuple[str, ...]) -> None:
    assert tickets_on_page(text, names) == expected


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        pytest.param(PENDING, TemplateRole.PENDING, True, id="pending"),
        pytest.param("{{otrs_pending}}", TemplateRole.PENDING, True, id="pending-alias"),
        pytest.param("<nowiki>" + PENDING + "</nowiki>", TemplateRole.PENDING, False, id="pending-nowiki"),
        pytest.param(PENDING, TemplateRole.RECEIVED, False, id="other-role"),
        pytest.param("{{No OTRS permission since}}", TemplateRole.NO_PERMISSION, True, id="nopd"),
        pytest.param("{{Information|permission=" + TAG + "}}", TemplateRole.TICKET, True, id="nested"),
    ],
)
def test_has_role(names: TemplateNames, text: str, role: TemplateRole, expected: bool) -> None:
    assert has_role(text, names, role) is expected


@pytest.mark.parametrize(
    ("text", "bot_user", "expected"),
    [
        pytest.param("{{cc0}}", None, PageSurvey(frozenset(), (), None, None), id="plain"),
        pytest.param(
            PENDING + "{{OTRS received|" + OTHER + "}}{{nobots}}",
            "PermBot",
            PageSurvey(
                frozenset({TemplateRole.PENDING, TemplateRole.RECEIVED}),
                (OTHER,),
                datetime.date(2024, 5, 1),
                False,
            ),
            id="pending-received-nobots",
        ),
        pytest.param(
            INFO_PENDING % TAG,
            "PermBot@permbot",
            PageSurvey(frozenset({TemplateRole.INFORMATION, TemplateRole.TICKET}), (T,), None, True),
            id="confirmed-in-information",
        ),
    ],
)
def test_survey(names: TemplateNames, text: str, bot_user: str | None, expected: PageSurvey) -> None:
    assert survey(text, names, bot_user) == expected


@given(page=st.sampled_from([PENDING, TAG, INFO_PENDING % PENDING, "{{bots|deny=PermBot}}" + PENDING, ""]))
def test_survey_agrees_with_the_single_reads(page: str) -> None:
    names = TemplateNames.from_mapping(load_config()["templates"])
    seen = survey(page, names, "PermBot")
    assert seen.tickets == tickets_on_page(page, names)
    assert seen.pending_since == pending_since(page, names)
    assert seen.bots_allowed == bots_allow(page, "PermBot")
    assert seen.roles == {role for role in TemplateRole if has_role(page, names, role)}


# ---------------------------------------------------------------------------------------------------------
# {{bots}} / {{nobots}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", True, id="no-template"),
        pytest.param("{{nobots}}", False, id="nobots"),
        pytest.param("{{Nobots}}", False, id="Nobots"),
        pytest.param("{{ Template:nobots }}", False, id="nobots-prefixed"),
        pytest.param("<nowiki>{{nobots}}</nowiki>", True, id="nobots-in-nowiki"),
        pytest.param("<!-- {{nobots}} -->", True, id="nobots-in-comment"),
        pytest.param("{{nobots|PermBot}}", False, id="nobots-listing-us"),
        pytest.param("{{nobots|OtherBot, AnotherBot}}", True, id="nobots-listing-others"),
        pytest.param("{{nobots|all}}", False, id="nobots-all"),
        pytest.param("{{nobots|deny=all}}", False, id="nobots-deny-all"),
        pytest.param("{{nobots|deny=OtherBot}}", True, id="nobots-deny-other"),
        pytest.param("{{nobots|allow=PermBot}}", True, id="nobots-allow-us"),
        pytest.param("{{nobots|allow=OtherBot}}", False, id="nobots-allow-other"),
        pytest.param("{{nobots|whatever=1}}", False, id="nobots-unknown-param"),
        pytest.param("{{nobots|}}", False, id="nobots-empty-param"),
        pytest.param("{{nobots|deny=}}", False, id="nobots-empty-deny"),
        pytest.param("{{bots|deny=}}", True, id="bots-empty-deny"),
        pytest.param("{{bots}}", True, id="bots"),
        pytest.param("{{bots|allow=all}}", True, id="allow-all"),
        pytest.param("{{bots|allow=none}}", False, id="allow-none"),
        pytest.param("{{bots|allow=OtherBot,PermBot}}", True, id="allow-list-with-us"),
        pytest.param("{{bots|allow= otherBot , permBot }}", True, id="allow-list-spaced-lower-first"),
        pytest.param("{{bots|allow=Perm_Bot}}", False, id="allow-different-name"),
        pytest.param("{{bots|allow=OtherBot}}", False, id="allow-list-without-us"),
        pytest.param("{{bots|deny=all}}", False, id="deny-all"),
        pytest.param("{{bots|deny=none}}", True, id="deny-none"),
        pytest.param("{{bots|deny=PermBot}}", False, id="deny-us"),
        pytest.param("{{bots|deny=OtherBot, PermBot}}", False, id="deny-list-with-us"),
        pytest.param("{{bots|deny=OtherBot}}", True, id="deny-others"),
        pytest.param("{{bots|optout=all}}", True, id="optout-is-about-messages"),
        pytest.param("{{bots|allowscript=checkimages}}", True, id="allowscript-ignored"),
        pytest.param("{{bots|deny=OtherBot}}{{nobots}}", False, id="any-denial-wins"),
        pytest.param("{{bots|allow=PermBot}}{{bots|deny=PermBot}}", False, id="deny-wins-over-allow"),
        pytest.param("{{Information|description={{nobots}}}}", False, id="nested"),
        pytest.param("Robots and ''bots'' are words", True, id="word-bots-no-template"),
        pytest.param("{{NOBOTS}}", True, id="NOBOTS-is-another-template"),
    ],
)
def test_bots_allow(text: str, expected: bool) -> None:
    assert bots_allow(text, "PermBot") is expected


def test_bots_allow_reads_botpassword_login_as_account() -> None:
    assert bots_allow("{{bots|deny=PermBot}}", "PermBot@permbot") is False
    assert bots_allow("{{bots|allow=PermBot}}", "PermBot@permbot") is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("{{No bots}}", False, id="nobots-redirect"),
        pytest.param("{{no_Bots|OtherBot}}", True, id="nobots-redirect-listing-others"),
        pytest.param("{{Bot exclusion|deny=PermBot}}", False, id="bots-redirect-deny"),
        pytest.param("{{Bot exclusion|allow=PermBot}}", True, id="bots-redirect-allow"),
        pytest.param("{{Nobot}}", False, id="redirect-without-bots-in-its-name"),
        pytest.param("{{nobots}}", False, id="canonical-still-known"),
    ],
)
def test_bots_allow_with_wiki_redirects(text: str, expected: bool) -> None:
    redirects = {"bots": ["Bot exclusion"], "nobots": ["No bots", "Template:Nobot"]}
    assert bots_allow(text, "PermBot", **redirects) is expected


def test_bots_allow_a_repeated_key_is_read_per_parameter() -> None:
    assert bots_allow("{{bots|deny=PermBot|deny=OtherBot}}", "PermBot") is False


def test_bots_allow_needs_a_user() -> None:
    with pytest.raises(ValueError, match="bot_user"):
        bots_allow("{{bots}}", "@app")


# ---------------------------------------------------------------------------------------------------------
# Input checks (defense in depth: the caller validates first)


@pytest.mark.parametrize(
    "ticket",
    [
        pytest.param("123", id="short"),
        pytest.param(T + "5", id="long"),
        pytest.param(T + " ", id="trailing-space"),
        pytest.param("２０２４０５１４１００１２３５５", id="fullwidth-digits"),
        pytest.param("20240514100123a5", id="letter"),
        pytest.param("", id="empty"),
        pytest.param("2024051410012355}}{{nobots", id="injection"),
    ],
)
def test_bad_ticket_ids_are_refused(names: TemplateNames, ticket: str) -> None:
    with pytest.raises(ValueError, match="16"):
        confirm_ticket(PENDING, ticket, names)
    with pytest.raises(ValueError, match="16"):
        mark_received(PENDING, ticket, names, ReceivedReason.PROCESSING, ON)
    with pytest.raises(ValueError, match="16"):
        remove_ticket(PENDING, ticket, names)


@pytest.mark.parametrize(
    "user",
    [
        pytest.param("A|B", id="pipe"),
        pytest.param("A}}{{nobots", id="braces"),
        pytest.param("A\nB", id="newline"),
        pytest.param("  ", id="blank"),
    ],
)
def test_bad_user_names_are_refused(names: TemplateNames, user: str) -> None:
    with pytest.raises(ValueError, match="user"):
        confirm_ticket(PENDING, T, names, user=user)
    with pytest.raises(ValueError, match="user"):
        mark_received(PENDING, T, names, ReceivedReason.PROCESSING, ON, user=user)


# ---------------------------------------------------------------------------------------------------------
# Byte-for-byte preservation of everything the edit does not touch

BUSY_PAGE = """=={{int:filedesc}}==\t
{{Information
 | description = {{en|1=Ferry at ''Vaxholm'', <ref>[https://example.org src]</ref>}} {{de|Fähre}}
 |date= {{Taken on|2024-05-01}}
 |source ={{own}}<!-- comment with {{Permission pending}} -->
 |author = [[User:X|X]] &amp; ''Y''
 |permission = %s
 | other versions =
}}
{| class="wikitable"
|-
| cell {{!}} || <nowiki>{{OTRS pending}}</nowiki>
|}
<pre>{{PermissionTicket|id=2024051410012355}}</pre>

=={{int:license-header}}==\x20\x20
{{self|cc-by-sa-4.0|GFDL}}
[[Category:Ships]]\x20\x20\x20
[[Category:Vaxholm|sort key]]"""


@pytest.mark.parametrize(
    ("edit", "before", "after"),
    [
        pytest.param(lambda t, n: confirm_ticket(t, T, n), PENDING, TAG, id="confirm"),
        pytest.param(
            lambda t, n: mark_received(t, T, n, ReceivedReason.EMAIL, ON),
            PENDING,
            RECEIVED % "email",
            id="receive",
        ),
        pytest.param(lambda t, n: mark_no_permission(t, n, ON), PENDING, NOPD, id="sweep"),
        pytest.param(lambda t, n: remove_ticket(t, T, n), TAG, "", id="untag"),
    ],
)
def test_rest_of_a_busy_page_is_byte_for_byte(
    names: TemplateNames, edit: Any, before: str, after: str
) -> None:
    result = edit(BUSY_PAGE % before, names)
    assert result.text == BUSY_PAGE % after
    assert result.changed


_SAFE_TEXT = st.text(
    alphabet=st.characters(
        exclude_characters="{}[]<>|=&'", exclude_categories=("Cs", "Cc"), include_characters="\n\t"
    ),
    max_size=60,
)


@settings(derandomize=True, max_examples=300)
@given(before=_SAFE_TEXT, after=_SAFE_TEXT)
def test_surrounding_text_is_untouched(before: str, after: str) -> None:
    names = TemplateNames.from_mapping(load_config()["templates"])
    page = before + "\n" + PENDING + "\n" + after
    assert confirm_ticket(page, T, names).text == before + "\n" + TAG + "\n" + after
    tagged = before + "\n" + TAG + "\n" + after
    assert remove_ticket(tagged, T, names).text == before + "\n" + after
