"""OAI-PMH 2.0 data provider at /oai.

protocol: request parsing, dates and identifiers; tokens: signed keyset
resumption tokens; selectors: what is exposed and the page queries; metadata:
the oai_dc and JATS crosswalks; records: stored serialised metadata
(`publishing.models.OaiRecord`); responses: the six verbs with lxml; ratelimit:
per-client 503/Retry-After; views: the endpoint.
"""
