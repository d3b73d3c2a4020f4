"""SEPA credit transfer file (ISO 20022 pain.001.001.03), written with xml.etree.

Every text goes out in the EPC basic Latin set (`tisseurs.banking.epc_text`) within
its length (names 70, remittance 140); the creation time carries the Brussels
offset. The same arguments always give the same bytes.
"""

import xml.etree.ElementTree as ET  # nosec B405 # writes XML, never parses any
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from tisseurs.banking import epc_text

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"


@dataclass
class Transfer:
    name: str
    iban: str
    amount: Decimal
    reference: str


def _sub(parent, tag: str, text: str | None = None, **attrib):
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def _party(parent, tag: str, name: str):
    # Never empty: the schema wants at least one character (callers check names).
    _sub(_sub(parent, tag), "Nm", epc_text(name, 70) or "NOTPROVIDED")


def _account(parent, tag: str, iban: str):
    _sub(_sub(_sub(parent, tag), "Id"), "IBAN", iban)


def credit_transfer(
    *,
    message_id: str,
    payer_name: str,
    payer_iban: str,
    payer_bic: str,
    execution_date: date,
    transfers: Iterable[Transfer],
    created_at: datetime,
) -> bytes:
    """The XML of one payment batch: one credit transfer per relais."""
    transfers = list(transfers)
    total = sum((t.amount for t in transfers), Decimal("0.00"))
    ET.register_namespace("", NAMESPACE)
    root = ET.Element("Document", {"xmlns": NAMESPACE})
    initiation = _sub(root, "CstmrCdtTrfInitn")
    header = _sub(initiation, "GrpHdr")
    _sub(header, "MsgId", message_id[:35])
    # ISODateTime with the offset of Brussels: 2026-11-26T16:40:00+01:00.
    created = timezone.localtime(created_at).replace(microsecond=0)
    _sub(header, "CreDtTm", created.isoformat())
    _sub(header, "NbOfTxs", str(len(transfers)))
    _sub(header, "CtrlSum", f"{total:.2f}")
    _party(header, "InitgPty", payer_name)
    info = _sub(initiation, "PmtInf")
    _sub(info, "PmtInfId", message_id[:35])
    _sub(info, "PmtMtd", "TRF")
    _sub(info, "NbOfTxs", str(len(transfers)))
    _sub(info, "CtrlSum", f"{total:.2f}")
    _sub(_sub(_sub(info, "PmtTpInf"), "SvcLvl"), "Cd", "SEPA")
    _sub(info, "ReqdExctnDt", execution_date.isoformat())
    _party(info, "Dbtr", payer_name)
    _account(info, "DbtrAcct", payer_iban)
    agent = _sub(_sub(info, "DbtrAgt"), "FinInstnId")
    if payer_bic:
        _sub(agent, "BIC", payer_bic)
    else:
        _sub(_sub(agent, "Othr"), "Id", "NOTPROVIDED")
    _sub(info, "ChrgBr", "SLEV")
    for number, transfer in enumerate(transfers, start=1):
        tx = _sub(info, "CdtTrfTxInf")
        _sub(_sub(tx, "PmtId"), "EndToEndId", f"{message_id[:30]}-{number}")
        _sub(_sub(tx, "Amt"), "InstdAmt", f"{transfer.amount:.2f}", Ccy="EUR")
        _party(tx, "Cdtr", transfer.name)
        _account(tx, "CdtrAcct", transfer.iban)
        _sub(_sub(tx, "RmtInf"), "Ustrd", epc_text(transfer.reference, 140) or "-")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
