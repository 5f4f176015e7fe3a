"""OAI-PMH 2.0 data provider at /oai.

protocol: request parsing, dates and identifiers; tokens: signed keyset
resumption tokens; selectors: what is exposed and the page queries; metadata:
the oai_dc and JATS crosswalks; records: stored serialised metadata
(`indexing.models.OaiRecord`); responses: the six verbs (an lxml envelope,
headers as text, stored records spliced in); ratelimit: per-client
503/Retry-After; views: the endpoint; middleware: its way past the site's
session, locale, CSRF and account middleware.
"""
