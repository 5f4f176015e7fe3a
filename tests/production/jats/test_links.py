"""Citations in the text become links to references that exist, and only
those; building again gives the same links."""

from lxml import etree

from production.jats.links import link_mentions
from production.references import parse_reference

REFS = [
    parse_reference(text)
    for text in (
        "Smith, J., & Jones, K. (2019). Merit. Governance, 3(1), 1–9.",
        "Lee, K., Park, S., & Kim, H. (2021). Tests. Public Administration, 9, 2–8.",
        "Abbott, A. (1988). The System of Professions. Chicago: UCP.",
        "Weber, M. (1922). Economy and Society. Tübingen: Mohr.",
    )
]
BODY = (
    "<body><p>Merit pays (Smith &amp; Jones 2019; Lee et al., 2021), as "
    "Weber (1922) saw and others did [1], [2-4], [5] "
    '<xref ref-type="fn" rid="fn1">1</xref> (Smith, 2020; see Abbott, 1988).</p>'
    "<fn-group><fn id='fn1'><p>Smith (2019) again.</p></fn></fn-group></body>"
)


def _links(body):
    return [
        (x.text, x.get("rid")) for x in body.iter("xref") if x.get("ref-type") == "bibr"
    ]


def test_author_year_and_numeric_citations_link_to_existing_references_only():
    body = etree.fromstring(BODY)
    link_mentions(body, REFS)

    assert _links(body) == [
        ("Smith & Jones 2019", "ref-1"),
        ("Lee et al., 2021", "ref-2"),
        ("Weber (1922)", "ref-4"),
        ("1", "ref-1"),
        ("2", "ref-2"),
        ("4", "ref-4"),
        ("Abbott, 1988", "ref-3"),
        ("Smith (2019)", "ref-1"),
    ]
    text = "".join(body.find("p").itertext())
    assert "[5]" in text and "(Smith, 2020;" in text  # no such reference
    assert body.find("p/xref[@ref-type='fn']").get("rid") == "fn1"

    again = etree.tostring(body)
    link_mentions(body, REFS)
    assert etree.tostring(body) == again
