"""The language of the sender's own words (verification.languages.SenderLanguage), for the suggested reply.

The table runs with the offline detector and the thresholds of config/mail.toml, as `permbot verify` and
`permbot ingest` do; the threshold rules themselves run with a fixed classifier.
"""

from __future__ import annotations

import pytest

from bot.config.verifier import load_verifier_settings
from verification.languages import (
    LanguageDetector,
    SenderLanguage,
    prose_for_detection,
    unread_languages,
)


@pytest.fixture(scope="module")
def sender_language() -> SenderLanguage:
    configured = load_verifier_settings().reading.sender_language
    if configured is None:
        pytest.fail("config/mail.toml gives no [sender_language]")
    return configured


@pytest.mark.parametrize(
    ("own_words", "expected"),
    [
        (
            "Hello, I am the photographer of the picture and I agree to publish it under the free license "
            "CC BY-SA 4.0. Kind regards, Anna",
            "en",
        ),
        (
            "Sehr geehrte Damen und Herren, hiermit erkläre ich, dass ich das Foto selbst aufgenommen habe "
            "und es unter der Lizenz CC BY-SA 4.0 freigebe. Mit freundlichen Grüßen",
            "de",
        ),
        (
            "Bonjour, je suis l'auteur de cette photographie et j'accepte de la publier sous la licence "
            "libre CC BY-SA 4.0. Cordialement",
            "fr",
        ),
        (
            "Hola, soy el autor de la fotografía y acepto publicarla bajo la licencia libre CC BY-SA 4.0. "
            "Un saludo cordial",
            "es",
        ),
        (
            "Beste, ik ben de fotograaf van deze foto en ik geef toestemming om hem te publiceren onder "
            "de vrije licentie CC BY-SA 4.0. Met vriendelijke groet",
            "nl",
        ),
        (
            "Buongiorno, sono l'autore della fotografia e acconsento a pubblicarla con la licenza libera "
            "CC BY-SA 4.0. Cordiali saluti",
            "it",
        ),
        (
            "Olá, sou o autor da fotografia e concordo em publicá-la sob a licença livre CC BY-SA 4.0. "
            "Atenciosamente",
            "pt",
        ),
        (
            "Dzień dobry, jestem autorem tego zdjęcia i zgadzam się na jego publikację na wolnej licencji "
            "CC BY-SA 4.0. Z poważaniem",
            "pl",
        ),
        (
            "Здравствуйте, я автор этой фотографии и согласен опубликовать её под свободной лицензией "
            "CC BY-SA 4.0. С уважением",
            "ru",
        ),
        ("こんにちは。私はこの写真の撮影者です。CC BY-SA 4.0 ライセンスで公開することに同意します。", "ja"),
        # Links, addresses and numbers are no prose: what is left is too short to tell.
        (
            "https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg anna.holder@gmail.com "
            "2024-05-14 Thanks",
            None,
        ),
        ("Thanks!", None),
        ("See attached.", None),
        ("", None),
        # Names and a license alone say nothing of the sender's language.
        ("Anna Holder, Lakeside Museum, CC BY-SA 4.0, Lisboa Porto Wien", None),
    ],
    ids=[
        "en",
        "de",
        "fr",
        "es",
        "nl",
        "it",
        "pt",
        "pl",
        "ru",
        "ja",
        "links",
        "thanks",
        "short",
        "empty",
        "names",
    ],
)
def test_sender_language(sender_language: SenderLanguage, own_words: str, expected: str | None) -> None:
    assert sender_language.of(own_words) == expected


def _fixed(code: str, probability: float) -> LanguageDetector:
    return LanguageDetector(lambda _text: (code, probability), 0.8)


LONG = "word " * 20  # 80 letters


@pytest.mark.parametrize(
    ("detector", "min_letters", "text", "expected"),
    [
        (_fixed("de", 0.95), 30, LONG, "de"),
        (_fixed("de", 0.8), 30, LONG, "de"),  # the threshold is inclusive
        (_fixed("de", 0.79), 30, LONG, None),  # unsure
        (_fixed("de", 1.0), 81, LONG, None),  # too few letters
        (_fixed("de", 1.0), 30, "12345 " * 20, None),  # numbers are no letters
    ],
    ids=["sure", "threshold", "unsure", "short", "numbers"],
)
def test_thresholds(detector: LanguageDetector, min_letters: int, text: str, expected: str | None) -> None:
    assert SenderLanguage(detector, min_letters, 2000).of(text) == expected


@pytest.mark.parametrize(
    ("text", "max_characters", "expected"),
    [
        ("Hello  there,\n\nAnna", 100, "Hello there, Anna"),
        ("see https://x.org/a and www.x.org or a@x.org", 100, "see and or"),
        ("call +49 30 1234 or 2024-05-14", 100, "call or"),
        ("abcdef ghijkl", 8, "abcdef g"),
        ("a" * 10_000, 5, "aaaaa"),
    ],
    ids=["words", "links-addresses", "numbers", "cut", "long-word"],
)
def test_prose_for_detection(text: str, max_characters: int, expected: str) -> None:
    assert prose_for_detection(text, max_characters) == expected


def _by_first_word(probability: float) -> LanguageDetector:
    """Classifies a paragraph as the language its first word names: "hy …" is Armenian."""
    return LanguageDetector(lambda text: (text.split()[0] if text.split() else "", probability), 0.9)


ARMENIAN = "hy " + LONG
GERMAN = "de " + LONG


@pytest.mark.parametrize(
    ("text", "probability", "min_letters", "expected"),
    [
        (GERMAN, 1.0, 60, ()),
        (ARMENIAN, 1.0, 60, ("hy",)),
        (f"{GERMAN}\n\n{ARMENIAN}\n\n{ARMENIAN}\n\nka {LONG}", 1.0, 60, ("hy", "ka")),
        (ARMENIAN, 0.89, 60, ()),  # unsure: every language's words apply, as today
        ("hy Շնորհակալություն", 1.0, 60, ()),  # a greeting is too short to judge
        ("hy " + "https://example.org/a-very-long-link-with-many-letters-in-it " * 4, 1.0, 60, ()),
        ("no " + LONG, 1.0, 60, ()),  # a detector code mapped to a language with tables
        ("zxx " + LONG, 1.0, 60, ()),  # read alike: no language at all
    ],
    ids=["read", "unread", "each-once", "unsure", "short", "links", "detected-as", "read-alike"],
)
def test_unread_languages(text: str, probability: float, min_letters: int, expected: tuple[str, ...]) -> None:
    detector = _by_first_word(probability)
    assert unread_languages(text, detector, {"no": "nb"}, {"de", "nb", "zxx"}, min_letters) == expected
