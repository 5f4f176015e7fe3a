"""Indexing records: Crossref deposits and the OAI-PMH record cache."""

from .crossref import CrossrefDeposit, CrossrefDepositItem, DepositStatus
from .oai import OaiRecord

__all__ = ["CrossrefDeposit", "CrossrefDepositItem", "DepositStatus", "OaiRecord"]
