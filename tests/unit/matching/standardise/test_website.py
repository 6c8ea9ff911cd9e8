import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.website import registrable_domain


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.Acme.co.uk/about", "acme.co.uk"),
        ("acme.com", "acme.com"),
        ("ACME.COM", "acme.com"),
        ("HTTP://WWW.ACME.COM", "acme.com"),
        ("www.acme.de.", "acme.de"),
        ("acme.com/path/to?q=1", "acme.com"),
        ("http://user:pw@shop.acme.com:8080/x?y#z", "acme.com"),
        ("  https://acme.com.au  ", "acme.com.au"),
        ("https://münchen.de", "münchen.de"),
        ("www.foo.blogspot.com", "blogspot.com"),  # ICANN suffixes only
        ("www.city.nagoya.jp", "city.nagoya.jp"),  # an exception to a wildcard rule
        ("shop.foo.bar.nagoya.jp", "foo.bar.nagoya.jp"),  # *.nagoya.jp: bar.nagoya.jp is public
        ("a.b.ck", "a.b.ck"),
        ("x.www.ck", "www.ck"),
        ("https://www.xn--mnchen-3ya.de/", "münchen.de"),  # punycode and Unicode agree
    ],
)
def test_registrable_domain(value: str, expected: str) -> None:
    assert registrable_domain(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "acme", "a.ck", "bar.nagoya.jp", "localhost", "192.168.0.1", "not a url", "acme.invalidtld", "a_b.com",
     "-acme.com", "https://", "co.uk"],
)  # fmt: skip
def test_no_valid_domain_is_none(value: str) -> None:
    assert registrable_domain(value) is None


def test_suffix_list_comes_from_the_bundled_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import socket

    from matching.standardise import website

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fresh = importlib.reload(website)
    assert fresh.registrable_domain("https://www.example.co.uk/") == "example.co.uk"


@given(
    st.sampled_from(["", "http://", "https://www.", "www."]),
    st.from_regex(r"[a-z][a-z0-9]{0,10}", fullmatch=True),
    st.sampled_from(["com", "co.uk", "de", "com.au"]),
    st.sampled_from(["", "/", "/about", ":8080/x?y=1"]),
)
def test_idempotent(scheme: str, name: str, suffix: str, path: str) -> None:
    domain = registrable_domain(f"{scheme}{name}.{suffix}{path}")
    assert domain == f"{name}.{suffix}"
    assert registrable_domain(domain) == domain


def test_the_suffix_rules_read_from_the_snapshot_are_tldextracts_icann_list() -> None:
    """The hub reads tldextract's bundled list as a file; the rules must be the ones
    tldextract itself takes from it (ICANN section only)."""
    import tldextract

    from matching.standardise.website import _snapshot_text, icann_suffix_rules

    theirs = tldextract.TLDExtract(
        suffix_list_urls=(),
        cache_dir=None,
        fallback_to_snapshot=True,
        include_psl_private_domains=False,
    ).tlds
    ours = icann_suffix_rules(_snapshot_text())
    assert len(ours) > 5_000
    assert set(ours) == set(theirs)


def test_suffix_rules_leave_out_comments_blank_lines_and_the_private_section() -> None:
    from matching.standardise.website import icann_suffix_rules

    text = (
        "// comment\n\ncom\n*.ck\n!www.ck\nco.uk  // trailing words\n"
        "// ===BEGIN PRIVATE DOMAINS===\nblogspot.com\n"
    )
    assert icann_suffix_rules(text) == ["com", "*.ck", "!www.ck", "co.uk"]


@given(st.text(alphabet="abcXYZ019-._", min_size=1, max_size=80))
def test_ascii_domains_are_judged_as_through_the_idna_codec(domain: str) -> None:
    """The ASCII shortcut of the label check agrees with encoding through IDNA first."""
    from matching.standardise.website import _LABEL, _valid_labels

    try:
        encoded = domain.encode("idna").decode("ascii")
        expected = all(_LABEL.match(label) for label in encoded.split("."))
    except UnicodeError:
        expected = False
    assert _valid_labels(domain) == expected
